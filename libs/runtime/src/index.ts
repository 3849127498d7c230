export { bootstrap, run } from './bootstrap';
export { HealthModule } from './health/health.module';
export { ReadinessCheck, ReadinessResult } from './health/readiness-check';
export { ReadinessRegistry } from './health/readiness-registry';
export { MetricsModule } from './metrics/metrics.module';
export { coreModules } from './core-modules';
export { ApplicationError, ErrorKind } from './errors/application-error';
export { HttpErrorFilter, statusFor } from './errors/http-error.filter';
export { repositoryRoot } from './repository-root';
