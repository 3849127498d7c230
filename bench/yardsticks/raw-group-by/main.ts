import { run } from '@app/runtime';
import { RawGroupByAppModule } from './raw-group-by-app.module';

// Started by the query bench on the database it seeded (bench/lib/bench-app.ts), never by the
// product. The product's own bootstrap, so HTTP is the api app's.
run('raw-group-by', (config) => RawGroupByAppModule.forRoot(config));
