import { Inject, Injectable } from '@nestjs/common';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { AppConfig } from '@app/config';
import { RebuildJob } from '@app/projections';
import { ApplicationError } from '@app/runtime';
import { firstValueFrom, timeout } from 'rxjs';
import { REBUILD_PATTERN, RebuildRequest } from './rebuild.rpc.controller';
import { CREDENTIAL_WINDOW_MS, signRpcCommand } from './rpc-credential';

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * The API's line to the projector (TCP, @nestjs/microservices), for rebuild commands. One
 * connection per command: the projector closes idle connections, and a kept one could be
 * closed just as a command goes out. Commands are rare; a connection each costs nothing.
 */
@Injectable()
export class ProjectorClient {
  private readonly host: string;
  private readonly port: number;
  private readonly adminApiKey: string;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.adminApiKey = config.secrets.adminApiKey;
    this.host = config.get('PROJECTOR_RPC_HOST');
    this.port = config.get('PROJECTOR_RPC_PORT');
  }

  async requestRebuild(projections: readonly string[]): Promise<RebuildJob[]> {
    const request: RebuildRequest = {
      projections,
      credential: signRpcCommand(this.adminApiKey, REBUILD_PATTERN, projections),
    };
    const client = ClientProxyFactory.create({
      transport: Transport.TCP,
      options: { host: this.host, port: this.port },
    });
    try {
      return await firstValueFrom(
        client
          .send<RebuildJob[], RebuildRequest>(REBUILD_PATTERN, request)
          .pipe(timeout(REQUEST_TIMEOUT_MS)),
      );
    } catch (error) {
      const rpc = error as { kind?: unknown; message?: unknown };
      if (rpc.kind === 'bad-input' && typeof rpc.message === 'string')
        throw new ApplicationError('bad-input', rpc.message);
      if (rpc.kind === 'unauthenticated')
        throw new ApplicationError(
          'unavailable',
          `the projector at ${this.host}:${this.port} refused this API's credential: run both with the same ADMIN_API_KEY (and clocks within ${CREDENTIAL_WINDOW_MS / 1000} s)`,
        );
      throw new ApplicationError(
        'unavailable',
        `the projector did not answer at ${this.host}:${this.port} (PROJECTOR_RPC_HOST/PORT): is it running?`,
      );
    } finally {
      await client.close();
    }
  }
}
