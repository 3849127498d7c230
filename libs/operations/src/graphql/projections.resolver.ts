import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { Access } from '@app/advertisers';
import { ProjectionStatusService } from '@app/projections';
import { ProjectionStatusType } from './projection-status.type';

/** The operator's view of the projections: any process can answer it from PostgreSQL. */
@Resolver()
export class ProjectionsResolver {
  constructor(@Inject(ProjectionStatusService) private readonly status: ProjectionStatusService) {}

  @Query(() => [ProjectionStatusType], { description: 'Every projection, its checkpoint and lag.' })
  @Access('admin')
  projections(): Promise<ProjectionStatusType[]> {
    return this.status.all();
  }
}
