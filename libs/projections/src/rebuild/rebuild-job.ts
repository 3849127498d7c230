/** queued → replaying → catching-up → comparing → swapped, or failed at any step. */
export type RebuildStatus =
  'queued' | 'replaying' | 'catching-up' | 'comparing' | 'swapped' | 'failed';

export interface TableReconciliation {
  readonly table: string;
  /** Rows compared (buckets, breakdown rows or ads: whatever the table holds). */
  readonly rowsCompared: number;
  readonly rowsDiffering: number;
  /** Sum of the clicks column, live and rebuilt (absent for tables without clicks). */
  readonly liveClicks?: number;
  readonly rebuiltClicks?: number;
  /** The differing rows, up to a cap, with both values (null: the row is missing on that side). */
  readonly differences: readonly {
    readonly key: Record<string, unknown>;
    readonly live: Record<string, unknown> | null;
    readonly rebuilt: Record<string, unknown> | null;
  }[];
  readonly differencesTruncated: boolean;
}

export interface RebuildReport {
  readonly position: string | null;
  readonly eventsReplayed: number;
  readonly tables: readonly TableReconciliation[];
  readonly rowsCompared: number;
  readonly rowsDiffering: number;
  /**
   * Rebuilt minus live clicks, each click counted once (from the finest judged table, else
   * summed over the tables with a clicks column): what the live tables had wrong.
   */
  readonly clicksDifference: number;
  /** The rules the rebuild judged with (the projection's, if it has rules). */
  readonly rules?: string;
  /**
   * Clicks the rebuild's judgement moved, per ad with any (see moved-clicks.ts); absent for
   * projections that judge nothing, and in reports from before traffic quality.
   */
  readonly clicksMoved?: {
    readonly toInvalid: number;
    readonly toValid: number;
    readonly ads: readonly { adId: string; toInvalid: number; toValid: number }[];
  };
}

export interface RebuildJob {
  readonly id: string;
  readonly projection: string;
  readonly status: RebuildStatus;
  readonly position: string | null;
  readonly eventsApplied: number;
  readonly eventsTotal: number | null;
  readonly eventsPerSecond: number;
  readonly swapPauseMs: number | null;
  readonly report: RebuildReport | null;
  readonly error: string | null;
  readonly requestedAt: Date;
  readonly startedAt: Date | null;
  readonly updatedAt: Date;
  readonly finishedAt: Date | null;
}
