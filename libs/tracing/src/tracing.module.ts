import {
  Global,
  Injectable,
  Logger,
  Module,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { stopTracing, tracedService } from './tracing';

@Injectable()
class TracingLifecycle implements OnModuleInit, OnApplicationShutdown {
  /** Said here rather than where tracing starts: the app's logger is set up by now. */
  onModuleInit(): void {
    const service = tracedService();
    if (service) new Logger('Tracing').log(`exporting traces over OTLP/HTTP as service ${service}`);
  }

  /** After every module has drained (the last appends, the batch in hand): their spans go too. */
  async onApplicationShutdown(): Promise<void> {
    await stopTracing();
  }
}

/** Flushes the trace exporter when the app shuts down. Tracing itself starts in bootstrap. */
@Global()
@Module({ providers: [TracingLifecycle] })
export class TracingModule {}
