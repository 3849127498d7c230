import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { ApplicationError } from '@app/runtime';
import { firstValueFrom, timeout } from 'rxjs';
import { RebuildJob } from './rebuild-job';
import { REBUILD_PATTERN, RebuildRequest } from './rebuild.rpc.controller';
import { rpcCredential } from './rpc-credential';

const REQUEST_TIMEOUT_MS = 10_000;

/** The API's line to the projector (TCP, @nestjs/microservices), for rebuild commands. */
@Injectable()
export class ProjectorClient implements OnModuleDestroy {
  private readonly client: ClientProxy;
  private readonly address: string;
  private readonly credential: string;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.credential = rpcCredential(config.secrets.adminApiKey);
    const host = config.get('PROJECTOR_RPC_HOST');
    const port = config.get('PROJECTOR_RPC_PORT');
    this.address = `${host}:${port}`;
    this.client = ClientProxyFactory.create({ transport: Transport.TCP, options: { host, port } });
  }

  async requestRebuild(projections: readonly string[]): Promise<RebuildJob[]> {
    const request: RebuildRequest = { projections, credential: this.credential };
    try {
      return await firstValueFrom(
        this.client
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
          `the projector at ${this.address} refused this API's credential: run both with the same ADMIN_API_KEY`,
        );
      throw new ApplicationError(
        'unavailable',
        `the projector did not answer at ${this.address} (PROJECTOR_RPC_HOST/PORT): is it running?`,
      );
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.client.close();
  }
}
