import { DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { AdvertisersModule } from '@app/advertisers';
import { ClicksModule } from '@app/clicks';
import { AppConfig } from '@app/config';
import { EventStoreModule } from '@app/event-store';
import { coreModules, HealthModule } from '@app/runtime';
import { ClickDiscardingEventStoreModule } from './click-discarding-event-store.module';

/**
 * The tracker, composed as apps/tracker composes it (the core modules, access, health, the
 * clicks feature), with one swap: the event store answers a click's append without writing it. Every
 * other step of GET /c/:token is the product's own code (Fastify, the CommandBus, the token's
 * HMAC, the ad from memory, device class, user key, the event built, the metrics), so the
 * tracker's durable clicks/s over this server's requests/s is what recording costs.
 */
@Module({})
export class RedirectWithoutAppendAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const core = coreModules(config);
    const store = core.indexOf(EventStoreModule);
    // Fail loudly rather than run with the real store beside ours.
    if (store < 0) throw new Error('coreModules no longer lists EventStoreModule: swap it anew');
    core[store] = ClickDiscardingEventStoreModule;
    return {
      module: RedirectWithoutAppendAppModule,
      imports: [
        ...core,
        AccessModule.forRoot({ apiKeys: AdvertisersModule }),
        HealthModule,
        ClicksModule,
      ],
    };
  }
}
