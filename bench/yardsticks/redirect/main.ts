import { run } from '@app/runtime';
import { RedirectYardstickAppModule } from './redirect-yardstick-app.module';
import { YardstickAds } from './yardstick-ads';

// Started by the bench (bench/yardsticks/start-yardstick.ts), never by the product. The
// product's own bootstrap, so Fastify, the correlation id and the limits are the tracker's.
const ads = YardstickAds.parse(process.argv[2]);
run('redirect-yardstick', (config) => RedirectYardstickAppModule.forRoot(config, ads));
