import { Module } from '@nestjs/common';
import { AdvertisersModule } from '@app/advertisers';
import { ProjectorService } from './projector.service';
import { ProjectorClient } from './rebuild/projector.client';
import { RebuildRpcController } from './rebuild/rebuild.rpc.controller';
import { RebuildService } from './rebuild/rebuild.service';
import { RebuildsResolver } from './rebuild/rebuilds.resolver';
import { ProjectionStatusService } from './status/projection-status.service';

/** Projection status, readable from any app (the API serves it). */
@Module({ providers: [ProjectionStatusService], exports: [ProjectionStatusService] })
export class ProjectionStatusModule {}

/**
 * The projector: runs the live projections and the rebuild jobs, and takes rebuild commands
 * over TCP. Import in exactly the apps that should project (they start with `rpc: true`).
 */
@Module({
  imports: [ProjectionStatusModule],
  providers: [ProjectorService, RebuildService],
  controllers: [RebuildRpcController],
})
export class ProjectorModule {}

/** The operator's GraphQL: projections, rebuilds (served by the API app). */
@Module({
  imports: [ProjectionStatusModule, AdvertisersModule],
  providers: [ProjectorClient, RebuildsResolver],
})
export class ProjectionsGraphqlModule {}
