import { run } from '@app/runtime';
import { ProjectorAppModule } from './projector-app.module';

run('projector', (config) => ProjectorAppModule.forRoot(config), { rpc: true });
