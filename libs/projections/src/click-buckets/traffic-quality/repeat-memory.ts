import { KeyHash } from '@app/read-models';
import { JudgedClick } from './judged-click';
import { QualityRules, REPEAT_LATENESS_MS } from './quality-rules';

/** One (ad, user) pair: the times of its newest clicks, at most repeatMaxClicks of them. */
export interface RepeatEntry {
  readonly adId: string;
  /** The user key's 64-bit hash as PostgreSQL's bigint prints it. */
  readonly user: string;
  /** Epoch milliseconds, ascending. */
  times: number[];
}

/**
 * The repeat rule's memory: which users clicked which ads when. Deterministic from the log
 * alone, clicks taken in log order: a click is a repeat when the same user has at least
 * repeatMaxClicks earlier clicks on the same ad within repeatWindowMs before it. Every earlier
 * click counts, valid or not.
 *
 * What is remembered is bounded: per pair, the newest repeatMaxClicks times (enough to decide
 * for any click in time order), and no pair whose newest click is older than the horizon, the
 * newest click seen minus the window minus REPEAT_LATENESS_MS. A click arriving later than that
 * (a spool replayed after a long outage) is judged against what is still remembered. The
 * horizon depends only on the clicks before, so the live projection (which loads the pairs of
 * one batch from PostgreSQL) and a rebuild (which holds them all in memory) judge alike, batch
 * boundaries or not.
 */
export class RepeatMemory {
  private readonly entries = new Map<string, RepeatEntry>();
  private readonly changed = new Set<RepeatEntry>();

  constructor(
    private readonly rules: QualityRules,
    /** The newest click time seen before; -Infinity when nothing was. */
    private newest = -Infinity,
  ) {}

  /** Adds a remembered pair (loaded from PostgreSQL). */
  remember(entry: RepeatEntry): void {
    this.entries.set(`${entry.adId}|${entry.user}`, entry);
  }

  /** Whether `click` is a repeat; remembers it. Call in log order. */
  see(click: JudgedClick): boolean {
    const at = click.at;
    if (at > this.newest) this.newest = at;
    const horizon = this.horizon();
    const floor = Math.max(at - this.rules.repeatWindowMs, horizon);
    const user = userHashText(click.userHash);
    const key = `${click.facts.adId}|${user}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { adId: click.facts.adId, user, times: [] };
      this.entries.set(key, entry);
    }
    // In place, in one pass: a new array per click was a good part of a replay's garbage.
    const times = entry.times;
    let earlier = 0;
    let kept = 0;
    for (let j = 0; j < times.length; j++) {
      const t = times[j];
      if (t >= floor && t <= at) earlier++;
      // Times behind the horizon can never count again: dropped, so every path keeps the same.
      if (t >= horizon) times[kept++] = t;
    }
    times.length = kept;
    let i = kept;
    while (i > 0 && times[i - 1] > at) i--;
    if (i === kept) times.push(at);
    else times.splice(i, 0, at);
    if (times.length > this.rules.repeatMaxClicks) times.shift();
    this.changed.add(entry);
    return earlier >= this.rules.repeatMaxClicks;
  }

  /** Clicks older than this cannot count for any later click (but one later than the lateness). */
  horizon(): number {
    return this.newest - this.rules.repeatWindowMs - REPEAT_LATENESS_MS;
  }

  /** The pairs seen since the last call, and forgets that they changed. */
  takeChanged(): RepeatEntry[] {
    const changed = [...this.changed];
    this.changed.clear();
    return changed;
  }

  /** Forgets the pairs behind the horizon; answers every pair kept. */
  prune(): RepeatEntry[] {
    const horizon = this.horizon();
    const kept: RepeatEntry[] = [];
    for (const [key, entry] of this.entries) {
      if (entry.times.length === 0 || entry.times[entry.times.length - 1] < horizon)
        this.entries.delete(key);
      else kept.push(entry);
    }
    return kept;
  }
}

/** The 64-bit user hash as a signed bigint in decimal, as PostgreSQL stores and prints it. */
export function userHashText([hi, lo]: KeyHash): string {
  return BigInt.asIntN(64, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)).toString();
}
