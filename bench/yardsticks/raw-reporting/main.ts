import { run } from '@app/runtime';
import { RawReportingAppModule } from './raw-reporting-app.module';

// Started by the bench (bench/yardsticks/start-yardstick.ts) on a database the query bench
// seeded, never by the product. The product's own bootstrap, so HTTP is the api app's.
run('raw-reporting-yardstick', (config) => RawReportingAppModule.forRoot(config));
