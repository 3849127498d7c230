import { Judged, REPEAT } from './judge';

// The product's repeat rule at its defaults: more than 3 clicks of one user on one ad within an
// hour are repeats; pairs older than the newest click minus the window and an hour are dropped.
const MAX_CLICKS = 3;
const WINDOW_MS = 3_600_000;
const LATENESS_MS = 3_600_000;

/** One (ad, user) pair: the times of its newest clicks, ascending, at most MAX_CLICKS. */
export interface Pair {
  readonly ad: string;
  readonly user: string;
  times: number[];
}

/**
 * The repeat rule over the pairs it holds, clicks taken in log order: Y1 holds a page's pairs
 * (read from and written back to its memory table), Y3 the whole log's. Both judge as the
 * product does, so both write its rows.
 */
export class RepeatWindow {
  private readonly pairs = new Map<string, Pair>();
  private readonly changed = new Set<Pair>();

  /** `newest`: the newest click time seen before; -Infinity when nothing was. */
  constructor(private newest = -Infinity) {}

  remember(pair: Pair): void {
    this.pairs.set(`${pair.ad}|${pair.user}`, pair);
  }

  /** Sets the click's repeat bit if it is one; remembers it. Call in log order. */
  see(click: Judged): void {
    const at = click.at;
    if (at > this.newest) this.newest = at;
    const horizon = this.horizon();
    const floor = Math.max(at - WINDOW_MS, horizon);
    const key = `${click.facts.adId}|${click.user}`;
    let pair = this.pairs.get(key);
    if (!pair) {
      pair = { ad: click.facts.adId, user: click.user, times: [] };
      this.pairs.set(key, pair);
    }
    let earlier = 0;
    for (const t of pair.times) if (t >= floor && t <= at) earlier++;
    const times = pair.times.filter((t) => t >= horizon);
    let i = times.length;
    while (i > 0 && times[i - 1] > at) i--;
    times.splice(i, 0, at);
    if (times.length > MAX_CLICKS) times.shift();
    pair.times = times;
    this.changed.add(pair);
    if (earlier >= MAX_CLICKS) click.reasons |= REPEAT;
  }

  /** Clicks older than this cannot count for any later click (but one later than the lateness). */
  horizon(): number {
    return this.newest - WINDOW_MS - LATENESS_MS;
  }

  /** The pairs seen since the last call. */
  takeChanged(): Pair[] {
    const changed = [...this.changed];
    this.changed.clear();
    return changed;
  }

  /**
   * Forgets the pairs behind the horizon (as the product deletes them from its memory table)
   * and answers the pairs kept. A pair forgotten judges its next click as one whose times the
   * horizon would have dropped anyway, so pruning never changes a verdict.
   */
  prune(): Pair[] {
    const horizon = this.horizon();
    const kept: Pair[] = [];
    for (const [key, pair] of this.pairs) {
      if (pair.times[pair.times.length - 1] < horizon) this.pairs.delete(key);
      else kept.push(pair);
    }
    return kept;
  }
}
