/**
 * A table a projection owns, as the engine needs to know it: how to find a row (its key), and
 * what a rebuild compares between the live table and its shadow copy.
 */
export interface ReadModelTable {
  /** The live table's name; a rebuild writes into a shadow copy of it. */
  readonly name: string;
  /** The row's identity: a bucket is (ad_id, bucket_start), a catalog entry ad_id. */
  readonly key: readonly string[];
  /** PostgreSQL types of the key columns, for passing keys as arrays. */
  readonly keyTypes: readonly string[];
  /** Compared, and shown with both values in the report. */
  readonly shown: readonly string[];
  /** Compared, not shown (a 4 KiB sketch means nothing in a report; its estimate is shown). */
  readonly hidden: readonly string[];
  /** The column whose totals the report compares, if any. */
  readonly clicks?: string;
  /**
   * false: a projection's working memory (the repeat rule's), rebuilt and swapped with the
   * others but left out of the report: nobody reads it, and its rows expire on their own.
   */
  readonly reconciled?: false;
  /**
   * The finest table of judged clicks: its columns of valid and invalid clicks and of the ad,
   * from which a rebuild's report counts the clicks it moved between valid and invalid.
   */
  readonly judged?: { readonly ad: string; readonly valid: string; readonly invalid: string };
}

/** Names the table a projection writes for each live table: itself, or a rebuild's shadow. */
export type TableNames = (live: string) => string;

export const LIVE_TABLES: TableNames = (live) => live;
