import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { coreModules, HealthModule } from '@app/runtime';
import { API_FEATURES } from '../../api/src/api.features';
import { PROJECTOR_FEATURES } from '../../projector/src/projector.features';
import { TRACKER_FEATURES } from '../../tracker/src/tracker.features';

/** `npm start`: tracker, projector and API in one process, on one port, sharing one database pool. */
@Module({})
export class AllInOneAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AllInOneAppModule,
      imports: [
        ...coreModules(config),
        HealthModule,
        ...TRACKER_FEATURES,
        ...PROJECTOR_FEATURES,
        ...API_FEATURES,
      ],
    };
  }
}
