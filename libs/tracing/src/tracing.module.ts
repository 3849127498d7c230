import { Global, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { stopTracing } from './tracing';

@Injectable()
class TracingLifecycle implements OnApplicationShutdown {
  /** After every module has drained (the last appends, the batch in hand): their spans go too. */
  async onApplicationShutdown(): Promise<void> {
    await stopTracing();
  }
}

/** Flushes the trace exporter when the app shuts down. Tracing itself starts in bootstrap. */
@Global()
@Module({ providers: [TracingLifecycle] })
export class TracingModule {}
