import { run } from '@app/runtime';
import { ApiAppModule } from './api-app.module';

run('api', (config) => ApiAppModule.forRoot(config));
