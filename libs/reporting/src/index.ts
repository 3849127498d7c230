export { ReportingModule } from './reporting.module';
export { ReportingError, ReportingErrorCode } from './reporting.error';
