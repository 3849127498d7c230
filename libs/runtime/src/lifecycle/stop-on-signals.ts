import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger as PinoInstance, symbols } from 'pino';

/**
 * What Nest's enableShutdownHooks() does, said in the log: on SIGTERM, SIGINT or SIGHUP the
 * app drains (appends, spool, the batch in hand: every module's shutdown hooks), then the
 * process ends by the same signal. One line when the stop starts, naming the signal, and one when it is done;
 * if draining takes longer than SHUTDOWN_TIMEOUT, the process leaves anyway.
 */
export function stopOnSignals(
  app: NestFastifyApplication,
  name: string,
  timeoutMs: number,
  appLog: PinoInstance,
): void {
  const logger = new Logger(name);
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    // A second signal while draining changes nothing: the timeout below still bounds the stop.
    if (stopping) return;
    stopping = true;
    logger.log(`stopping on ${signal}`);
    setTimeout(() => {
      logger.error(`shutdown took longer than SHUTDOWN_TIMEOUT (${timeoutMs} ms); exiting`);
      process.exit(1);
    }, timeoutMs).unref();
    app.close().then(
      () => {
        logger.log(`stopped (${signal})`);
        for (const s of SIGNALS) process.removeListener(s, stop);
        // The log is written asynchronously and a signal leaves no 'exit' event to flush it, so
        // the last lines go out first. Every line of the process goes through one pino instance
        // and its stream on stdout; ending the stream writes what it holds and then closes it
        // (never stdout itself). pino's flush() does not wait for a write in flight.
        const streams = [appLog]
          .map(
            (log) =>
              (log as unknown as Record<symbol, unknown> | undefined)?.[symbols.streamSym] as
                Partial<EndableStream> | undefined,
          )
          .filter((stream): stream is EndableStream => typeof stream?.end === 'function');
        let open = streams.length;
        const ended = (): void => {
          if (--open <= 0) process.kill(process.pid, signal);
        };
        if (open === 0) ended();
        for (const stream of streams) {
          stream.once('close', ended);
          stream.end();
        }
      },
      (error: unknown) => {
        logger.error(
          `shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        process.exit(1);
      },
    );
  };
  for (const signal of SIGNALS) process.on(signal, stop);
}

// SIGHUP too: a terminal that closes under `npm start` (an ssh session dropped) should drain
// like a Ctrl-C, as it did under Nest's enableShutdownHooks(), not die mid-batch.
const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

interface EndableStream {
  end(): void;
  once(event: 'close', listener: () => void): void;
}
