// The projection engine: the live projector, rebuilds, status, and one folder per projection.
export { ProjectionDefinition } from './framework/projection-definition';
export { ReadModelTable } from './framework/read-model-table';
export { ProjectionStatusModule, ProjectorModule } from './projections.module';
export { findProjection, PROJECTIONS } from './projections.registry';
export {
  RebuildJob,
  RebuildReport,
  RebuildStatus,
  TableReconciliation,
} from './rebuild/rebuild-job';
export { RebuildJobsRepository } from './rebuild/rebuild-jobs.repository';
export { RebuildService, UnknownProjection } from './rebuild/rebuild.service';
export { ProjectionStatus, ProjectionStatusService } from './status/projection-status.service';
