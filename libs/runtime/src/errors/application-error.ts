/**
 * What kind of failure an error is, independent of transport. Features throw their own
 * subclasses; the HTTP filter maps the kind to a status, the GraphQL formatter to a code.
 */
export type ErrorKind =
  | 'bad-input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'rate-limited'
  | 'unavailable';

export class ApplicationError extends Error {
  /** A feature's own error code (e.g. AD_NOT_FOUND), sent beside the generic kind. */
  readonly code?: string;

  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details?: readonly string[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}
