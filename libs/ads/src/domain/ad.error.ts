import { ApplicationError, ErrorKind } from '@app/runtime';

export enum AdErrorCode {
  InvalidTargetUrl = 'INVALID_TARGET_URL',
  InvalidName = 'INVALID_NAME',
  NotFound = 'AD_NOT_FOUND',
  AlreadyRegistered = 'AD_ALREADY_REGISTERED',
  ConcurrentChange = 'AD_CHANGED_CONCURRENTLY',
  UnknownAdvertiser = 'UNKNOWN_ADVERTISER',
}

function kindOf(code: AdErrorCode): ErrorKind {
  switch (code) {
    case AdErrorCode.InvalidTargetUrl:
    case AdErrorCode.InvalidName:
    case AdErrorCode.UnknownAdvertiser:
      return 'bad-input';
    case AdErrorCode.NotFound:
      return 'not-found';
    case AdErrorCode.AlreadyRegistered:
    case AdErrorCode.ConcurrentChange:
      return 'conflict';
  }
}

export class AdError extends ApplicationError {
  constructor(
    override readonly code: AdErrorCode,
    message: string,
  ) {
    super(kindOf(code), message);
  }
}
