import { Module } from '@nestjs/common';
import { ProjectorService } from './projector/projector.service';
import { RebuildService } from './rebuild/rebuild.service';
import { ProjectionStatusService } from './status/projection-status.service';

/** Projection status, readable from any app (the API serves it). */
@Module({ providers: [ProjectionStatusService], exports: [ProjectionStatusService] })
export class ProjectionStatusModule {}

/**
 * The projector: runs the live projections and the rebuild jobs. Rebuilds are requested through
 * `RebuildService` (the operator surface's command port calls it).
 */
@Module({
  imports: [ProjectionStatusModule],
  providers: [ProjectorService, RebuildService],
  exports: [RebuildService],
})
export class ProjectorModule {}
