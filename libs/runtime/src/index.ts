export { bootstrap, run } from './bootstrap';
export { HealthModule } from './health/health.module';
export { READINESS_CHECKS, ReadinessCheck, ReadinessResult } from './health/readiness-check';
export { MetricsModule } from './metrics/metrics.module';
export { coreModules } from './core-modules';
