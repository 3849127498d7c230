import { newImpressionId, signClickToken } from '@app/contracts';
import { BENCH_SIGNING_SECRET } from '../lib/bench-app';

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
const BOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

/**
 * The traffic of an ad link, as the issue describes it: every request a fresh signed token,
 * except 5% that repeat one already clicked, and 2% of requests from a crawler's user agent.
 * Tokens are signed here, before the run (the ad server's job), so the load generator does
 * no crypto while it measures.
 */
export class ClickTraffic {
  private readonly tokens: string[];
  private next = 0;

  /** `repeats: false` for probes, whose every click must be a new one. */
  constructor(
    adIds: readonly string[],
    count: number,
    private readonly repeats = true,
  ) {
    const expiresAt = Math.floor(Date.now() / 1000) + 3600;
    this.tokens = Array.from({ length: count }, (_, i) =>
      signClickToken(
        { impressionId: newImpressionId(), adId: adIds[i % adIds.length], expiresAt },
        { kid: 'b1', secret: Buffer.from(BENCH_SIGNING_SECRET) },
      ),
    );
  }

  /** The path (`/c/<token>`) and user agent of the next request. */
  request(): { path: string; userAgent: string } {
    const i = this.next++;
    const repeat = this.repeats && i > 100 && i % 20 === 0;
    const token = repeat
      ? this.tokens[(i * 7919) % Math.max(1, Math.min(i, this.tokens.length))]
      : this.tokens[i % this.tokens.length];
    return { path: `/c/${token}`, userAgent: i % 50 === 7 ? BOT : CHROME };
  }
}
