import { run } from '@app/runtime';
import { AllInOneAppModule } from './all-in-one-app.module';

run('clickstream', (config) => AllInOneAppModule.forRoot(config), {
  rpc: true,
  serviceName: 'all-in-one',
});
