import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Access } from '@app/access';
import { RebuildJobsRepository } from '@app/projections';
import { ApplicationError } from '@app/runtime';
import { Pool } from 'pg';
import { ProjectorClient } from '../rpc/projector.client';
import { toRebuildType } from './rebuild.mapper';
import { RebuildType } from './rebuild.type';

/** The operator's rebuilds: requested of the projector over TCP, their state read from PostgreSQL. */
@Resolver()
export class RebuildsResolver {
  private readonly jobs: RebuildJobsRepository;

  constructor(
    @Inject(Pool) pool: Pool,
    @Inject(ProjectorClient) private readonly projector: ProjectorClient,
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
    @Args('projections', {
      type: () => [String],
      nullable: true,
      description: 'Which projections; null or omitted: all. An empty list is refused.',
    })
    projections: string[] | null,
  ): Promise<RebuildType[]> {
    // [] names nothing: the projector would read it as "all", which nobody asking for [] meant.
    if (projections?.length === 0)
      throw new ApplicationError(
        'bad-input',
        'projections: the list is empty; name at least one projection, or omit it (or pass null) to rebuild them all',
      );
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
}
