import { ApplicationError, ErrorKind } from '@app/runtime';

export enum ReportingErrorCode {
  AdNotFound = 'AD_NOT_FOUND',
  InvalidRange = 'INVALID_RANGE',
  TooManyPoints = 'TOO_MANY_POINTS',
  UnknownTimezone = 'UNKNOWN_TIMEZONE',
  UnsupportedTimezoneOffset = 'UNSUPPORTED_TIMEZONE_OFFSET',
  UnsupportedFilter = 'UNSUPPORTED_FILTER',
}

function kindOf(code: ReportingErrorCode): ErrorKind {
  switch (code) {
    case ReportingErrorCode.AdNotFound:
      return 'not-found';
    case ReportingErrorCode.InvalidRange:
    case ReportingErrorCode.TooManyPoints:
    case ReportingErrorCode.UnknownTimezone:
    case ReportingErrorCode.UnsupportedTimezoneOffset:
    case ReportingErrorCode.UnsupportedFilter:
      return 'bad-input';
  }
}

/** What a reporting query can refuse, with a message that says how to fix the question. */
export class ReportingError extends ApplicationError {
  constructor(
    override readonly code: ReportingErrorCode,
    message: string,
  ) {
    super(kindOf(code), message);
  }
}
