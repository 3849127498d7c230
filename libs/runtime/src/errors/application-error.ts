/**
 * What kind of failure an error is, independent of transport. Features throw their own
 * subclasses; one HTTP filter (and, later, the GraphQL formatter) maps the kind to a status.
 */
export type ErrorKind =
  'bad-input' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'unavailable';

export class ApplicationError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details?: readonly string[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}
