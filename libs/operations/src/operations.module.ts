import { Module } from '@nestjs/common';
import { AdvertisersModule } from '@app/advertisers';
import { ProjectionStatusModule, ProjectorModule } from '@app/projections';
import { ProjectionsResolver } from './graphql/projections.resolver';
import { RebuildsResolver } from './graphql/rebuilds.resolver';
import { ProjectorClient } from './rpc/projector.client';
import { RebuildRpcController } from './rpc/rebuild.rpc.controller';

/** The operator's GraphQL: projections and rebuilds (served by the API app). */
@Module({
  imports: [ProjectionStatusModule, AdvertisersModule],
  providers: [ProjectorClient, ProjectionsResolver, RebuildsResolver],
})
export class OperationsGraphqlModule {}

/**
 * The projector's command port: rebuild commands over TCP, checked and queued. Import in exactly
 * the apps that project (they start with `rpc: true`); it brings the projector with it.
 */
@Module({
  imports: [ProjectorModule],
  controllers: [RebuildRpcController],
})
export class ProjectorRpcModule {}
