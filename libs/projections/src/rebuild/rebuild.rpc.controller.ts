import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload, RpcException } from '@nestjs/microservices';
import { AppConfig } from '@app/config';
import { RebuildJob } from './rebuild-job';
import { RebuildService, UnknownProjection } from './rebuild.service';
import { credentialMatches, rpcCredential } from './rpc-credential';

export const REBUILD_PATTERN = 'projections.rebuild';

export interface RebuildRequest {
  readonly projections?: readonly string[];
  /** rpcCredential(admin key): proves the sender is our API. */
  readonly credential?: string;
}

/** The projector's end of `rebuildProjections`: queue the jobs, answer at once. */
@Controller()
export class RebuildRpcController {
  private readonly logger = new Logger(RebuildRpcController.name);
  private readonly credential: string;

  constructor(
    @Inject(RebuildService) private readonly rebuilds: RebuildService,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.credential = rpcCredential(config.secrets.adminApiKey);
  }

  @MessagePattern(REBUILD_PATTERN)
  async rebuild(@Payload() request: RebuildRequest): Promise<RebuildJob[]> {
    if (!credentialMatches(request?.credential, this.credential)) {
      // Never log what was sent: a near miss could be a real key's credential.
      this.logger.warn('refused a rebuild command without a valid credential');
      throw new RpcException({
        kind: 'unauthenticated',
        message: 'rebuild commands must carry the credential derived from ADMIN_API_KEY',
      });
    }
    try {
      return await this.rebuilds.request(request.projections ?? []);
    } catch (error) {
      if (error instanceof UnknownProjection)
        throw new RpcException({ kind: 'bad-input', message: error.message });
      throw error;
    }
  }
}
