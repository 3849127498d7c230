import { run } from '@app/runtime';
import { TrackerAppModule } from './tracker-app.module';

run('tracker', (config) => TrackerAppModule.forRoot(config));
