import { EmbeddedPostgresHandle } from './embedded/embedded-postgres';

/** Where the database is, and the embedded cluster behind it when we run one. */
export class DatabaseConnection {
  constructor(
    readonly url: string,
    readonly embedded?: EmbeddedPostgresHandle,
  ) {}
}
