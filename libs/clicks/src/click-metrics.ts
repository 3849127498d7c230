import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ClickSpool } from './spool/click-spool';

const REJECT_REASONS = [
  'malformed',
  'unknown-key',
  'bad-signature',
  'unknown-ad',
  'unavailable',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

const NOT_RECORDED_REASONS = ['expired', 'head'] as const;

/** Everything the tracker counts, on this app instance's registry. */
@Injectable()
export class ClickMetrics {
  readonly recorded: Counter;
  readonly duplicates: Counter;
  readonly rejected: Counter<'reason'>;
  readonly notRecorded: Counter<'reason'>;
  readonly spooled: Counter;
  readonly lost: Counter;
  readonly spoolReplayed: Counter;
  readonly spoolCorrupt: Counter;
  readonly redirectSeconds: Histogram<'outcome'>;

  constructor(@Inject(Registry) registry: Registry, @Inject(ClickSpool) spool: ClickSpool) {
    const registers = [registry];
    this.recorded = new Counter({
      name: 'clickstream_clicks_recorded_total',
      help: 'Clicks appended to the event store',
      registers,
    });
    this.duplicates = new Counter({
      name: 'clickstream_clicks_duplicate_total',
      help: 'Repeat clicks on an already recorded impression',
      registers,
    });
    this.rejected = new Counter({
      name: 'clickstream_clicks_rejected_total',
      help: 'Clicks answered with an error page, by reason',
      labelNames: ['reason'],
      registers,
    });
    this.notRecorded = new Counter({
      name: 'clickstream_clicks_not_recorded_total',
      help: 'Redirected but deliberately not recorded (expired token, HEAD request)',
      labelNames: ['reason'],
      registers,
    });
    this.spooled = new Counter({
      name: 'clickstream_clicks_spooled_total',
      help: 'Clicks written to the local spool because the event store could not take them in time',
      registers,
    });
    this.lost = new Counter({
      name: 'clickstream_clicks_lost_total',
      help: 'Clicks neither appended nor spooled (the spool file failed): should stay 0',
      registers,
    });
    // Read from the spool at scrape time: the spool's count is the one source of truth.
    new Gauge({
      name: 'clickstream_spool_pending_clicks',
      help: 'Spooled clicks not yet replayed into the event store',
      registers,
      collect() {
        this.set(spool.pending);
      },
    });
    this.spoolReplayed = new Counter({
      name: 'clickstream_spool_replayed_clicks_total',
      help: 'Spooled clicks replayed into the event store',
      registers,
    });
    this.spoolCorrupt = new Counter({
      name: 'clickstream_spool_corrupt_lines_total',
      help: 'Spool lines set aside during replay: torn (never acknowledged) writes, or clicks the store refuses',
      registers,
    });
    // Every labelled series from the start, at 0: increase() sees the first one after a restart.
    for (const reason of REJECT_REASONS) this.rejected.inc({ reason }, 0);
    for (const reason of NOT_RECORDED_REASONS) this.notRecorded.inc({ reason }, 0);
    this.redirectSeconds = new Histogram({
      name: 'clickstream_redirect_duration_seconds',
      help: 'Time from request to redirect, by outcome',
      labelNames: ['outcome'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
  }
}
