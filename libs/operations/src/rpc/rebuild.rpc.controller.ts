import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload, RpcException } from '@nestjs/microservices';
import { RpcCredential, SignedPart } from '@app/access';
import { RebuildJob, RebuildService, UnknownProjection } from '@app/projections';

export const REBUILD_PATTERN = 'projections.rebuild';

export interface RebuildRequest {
  readonly projections?: readonly string[];
  /** signRpcCommand(admin key, REBUILD_PATTERN, projections): proves the sender is our API. */
  readonly credential?: RpcCredential;
}

/**
 * The projector's end of `rebuildProjections`: queue the jobs, answer at once. The access
 * guard has checked the credential before this runs.
 */
@Controller()
export class RebuildRpcController {
  constructor(@Inject(RebuildService) private readonly rebuilds: RebuildService) {}

  @MessagePattern(REBUILD_PATTERN)
  @SignedPart<RebuildRequest>((request) => request?.projections ?? [])
  async rebuild(@Payload() request: RebuildRequest): Promise<RebuildJob[]> {
    const projections = request?.projections ?? [];
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
