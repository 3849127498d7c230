import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload, RpcException } from '@nestjs/microservices';
import { RebuildJob } from './rebuild-job';
import { RebuildService, UnknownProjection } from './rebuild.service';

export const REBUILD_PATTERN = 'projections.rebuild';

export interface RebuildRequest {
  readonly projections?: readonly string[];
}

/** The projector's end of `rebuildProjections`: queue the jobs, answer at once. */
@Controller()
export class RebuildRpcController {
  constructor(@Inject(RebuildService) private readonly rebuilds: RebuildService) {}

  @MessagePattern(REBUILD_PATTERN)
  async rebuild(@Payload() request: RebuildRequest): Promise<RebuildJob[]> {
    try {
      return await this.rebuilds.request(request.projections ?? []);
    } catch (error) {
      if (error instanceof UnknownProjection)
        throw new RpcException({ kind: 'bad-input', message: error.message });
      throw error;
    }
  }
}
