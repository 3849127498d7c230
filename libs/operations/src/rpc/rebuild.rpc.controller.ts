import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload, RpcException } from '@nestjs/microservices';
import { AppConfig } from '@app/config';
import { RebuildJob, RebuildService, UnknownProjection } from '@app/projections';
import { RpcCredential, verifyRpcCommand } from './rpc-credential';
import { RpcNonces } from './rpc-nonces';

export const REBUILD_PATTERN = 'projections.rebuild';

export interface RebuildRequest {
  readonly projections?: readonly string[];
  /** signRpcCommand(admin key, REBUILD_PATTERN, projections): proves the sender is our API. */
  readonly credential?: RpcCredential;
}

/** The projector's end of `rebuildProjections`: queue the jobs, answer at once. */
@Controller()
export class RebuildRpcController {
  private readonly logger = new Logger(RebuildRpcController.name);
  private readonly adminApiKey: string;
  private readonly nonces = new RpcNonces();

  constructor(
    @Inject(RebuildService) private readonly rebuilds: RebuildService,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.adminApiKey = config.secrets.adminApiKey;
  }

  @MessagePattern(REBUILD_PATTERN)
  async rebuild(@Payload() request: RebuildRequest): Promise<RebuildJob[]> {
    const projections = request?.projections ?? [];
    const credential = request?.credential;
    if (
      !verifyRpcCommand(this.adminApiKey, REBUILD_PATTERN, projections, credential) ||
      !this.nonces.accept(credential.nonce, credential.issuedAt)
    ) {
      // Never log what was sent: a near miss could be a real key's credential.
      this.logger.warn('refused a rebuild command without a valid, fresh, unused credential');
      throw new RpcException({
        kind: 'unauthenticated',
        message: 'rebuild commands must carry a fresh, unused credential signed with ADMIN_API_KEY',
      });
    }
    try {
      if (!Array.isArray(projections) || !projections.every((p) => typeof p === 'string'))
        throw new UnknownProjection('projections must be a list of projection names');
      return await this.rebuilds.request(projections);
    } catch (error) {
      if (error instanceof UnknownProjection)
        throw new RpcException({ kind: 'bad-input', message: error.message });
      throw error;
    }
  }
}
