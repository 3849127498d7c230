import { run } from '@app/runtime';
import { RedirectWithoutAppendAppModule } from './redirect-without-append-app.module';

// Started by the redirect bench beside the tracker (bench/lib/bench-app.ts), never by the
// product. The product's own bootstrap, so HTTP is the tracker's.
run('redirect-without-append', (config) => RedirectWithoutAppendAppModule.forRoot(config));
