import { Module } from '@nestjs/common';
import { ProjectorService } from './projector.service';
import { ProjectionStatusService } from './status/projection-status.service';

/** Projection status, readable from any app (the API serves it). */
@Module({ providers: [ProjectionStatusService], exports: [ProjectionStatusService] })
export class ProjectionStatusModule {}

/** The projector: runs the live projections. Import in exactly the apps that should project. */
@Module({ imports: [ProjectionStatusModule], providers: [ProjectorService] })
export class ProjectorModule {}
