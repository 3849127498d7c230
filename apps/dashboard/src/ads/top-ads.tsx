import type { ApiProblem } from '../api/graphql';
import { TOP_ADS, type TopAdsData } from '../api/operations';
import { count } from '../shared/format';
import { Notice } from '../shared/notice';
import { useQuery } from '../shared/use-query';

interface Props {
  readonly apiKey: string;
  readonly onSelect: (adId: string) => void;
  readonly onUnauthenticated: (problem: ApiProblem) => void;
  /** The operator sees every advertiser's ads: each says whose it is. */
  readonly showAdvertiser: boolean;
}

export function TopAds({ apiKey, onSelect, onUnauthenticated, showAdvertiser }: Props) {
  const top = useQuery<TopAdsData>(apiKey, TOP_ADS, {}, { everyMs: 5_000, onUnauthenticated });
  return (
    <section class="top-ads" aria-labelledby="top-ads-title">
      <h2 id="top-ads-title">Top ads, last hour</h2>
      {top.problem && !top.data && <Notice kind="error">{top.problem.message}</Notice>}
      {!top.data && !top.problem && <Notice kind="loading">Loading…</Notice>}
      {top.data && top.data.topAds.length === 0 && (
        <Notice kind="empty">No clicks in the last hour.</Notice>
      )}
      {top.data && top.data.topAds.length > 0 && (
        <ol>
          {top.data.topAds.map((t) => (
            <li key={t.ad.id}>
              <button type="button" class="link" onClick={() => onSelect(t.ad.id)}>
                {t.ad.name}
              </button>{' '}
              {showAdvertiser && t.ad.advertiser && (
                <span class="ad-owner">{t.ad.advertiser.name} · </span>
              )}
              <span class="muted">
                {count(t.clicks)} clicks · {count(t.uniqueUsers)} users
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
