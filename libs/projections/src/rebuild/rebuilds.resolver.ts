import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Access } from '@app/advertisers';
import { ApplicationError } from '@app/runtime';
import { Pool } from 'pg';
import { ProjectionStatusService } from '../status/projection-status.service';
import { ProjectorClient } from './projector.client';
import { RebuildJobsRepository } from './rebuild-jobs.repository';
import { toRebuildType } from './rebuild.mapper';
import { ProjectionStatusType, RebuildType } from './rebuild.types';

/** The operator's view of the projections, and rebuilds: state is read from PostgreSQL. */
@Resolver()
export class RebuildsResolver {
  private readonly jobs: RebuildJobsRepository;

  constructor(
    @Inject(Pool) pool: Pool,
    @Inject(ProjectorClient) private readonly projector: ProjectorClient,
    @Inject(ProjectionStatusService) private readonly status: ProjectionStatusService,
  ) {
    this.jobs = new RebuildJobsRepository(pool);
  }

  @Mutation(() => [RebuildType], {
    description:
      'Operator only. Replays the whole log into shadow tables, reconciles them with the live ' +
      'ones and swaps them in. Returns at once; a projection already being rebuilt returns that job.',
  })
  @Access('admin')
  async rebuildProjections(
    @Args('projections', { type: () => [String], nullable: true, description: 'Default: all.' })
    projections: string[] | null,
  ): Promise<RebuildType[]> {
    return (await this.projector.requestRebuild(projections ?? [])).map(toRebuildType);
  }

  @Query(() => RebuildType)
  @Access('admin')
  async rebuild(@Args('id', { type: () => ID }) id: string): Promise<RebuildType> {
    const job = /^[0-9a-f-]{36}$/i.test(id) ? await this.jobs.find(id) : undefined;
    if (!job) throw new ApplicationError('not-found', `no rebuild ${id}`);
    return toRebuildType(job);
  }

  @Query(() => [RebuildType], { description: 'The 50 most recent rebuilds, newest first.' })
  @Access('admin')
  async rebuilds(): Promise<RebuildType[]> {
    return (await this.jobs.recent(50)).map(toRebuildType);
  }

  @Query(() => [ProjectionStatusType], { description: 'Every projection, its checkpoint and lag.' })
  @Access('admin')
  projections(): Promise<ProjectionStatusType[]> {
    return this.status.all();
  }
}
