import { useState } from 'preact/hooks';
import type { ApiProblem } from '../api/graphql';
import { ADS, ADS_SHOWN, type AdsData } from '../api/operations';
import { Notice } from '../shared/notice';
import { useQuery } from '../shared/use-query';
import { AdDetail } from './ad-detail';
import { AdsList } from './ads-list';
import { TopAds } from './top-ads';

interface Props {
  readonly apiKey: string;
  readonly onUnauthenticated: (problem: ApiProblem) => void;
  /** The operator's key: every advertiser's ads, each with its advertiser's name. */
  readonly isAdmin: boolean;
}

/** The advertiser's page: its ads with totals, one ad in detail, and the last hour's leaders. */
export function AdsView({ apiKey, onUnauthenticated, isAdmin }: Props) {
  const ads = useQuery<AdsData>(apiKey, ADS, {}, { everyMs: 5_000, onUnauthenticated });
  const [selected, setSelected] = useState<string | null>(null);
  const list = ads.data?.ads ?? [];
  const ad = list.find((a) => a.id === selected) ?? null;

  return (
    <div class="ads-view">
      <aside class="sidebar">
        <h2>{isAdmin ? 'All ads' : 'Your ads'}</h2>
        {ads.problem && (
          <Notice kind="error">
            {ads.problem.kind === 'unreachable'
              ? 'The server cannot be reached; retrying.'
              : ads.problem.message}
          </Notice>
        )}
        {!ads.data && !ads.problem && <Notice kind="loading">Loading ads…</Notice>}
        {ads.data && list.length === 0 && (
          <Notice kind="empty">
            No ads yet. Register one with the <code>registerAd</code> mutation or{' '}
            <code>POST /v1/ads</code>.
          </Notice>
        )}
        <AdsList ads={list} selected={selected} onSelect={setSelected} showAdvertiser={isAdmin} />
        {list.length >= ADS_SHOWN && (
          <Notice kind="empty">
            Showing the first {ADS_SHOWN} ads, oldest first; the <code>ads(limit, offset)</code>{' '}
            query pages through the rest.
          </Notice>
        )}
        <TopAds
          apiKey={apiKey}
          onSelect={setSelected}
          onUnauthenticated={onUnauthenticated}
          showAdvertiser={isAdmin}
        />
      </aside>
      <div class="main-panel">
        {ad ? (
          <AdDetail key={ad.id} apiKey={apiKey} ad={ad} onUnauthenticated={onUnauthenticated} />
        ) : (
          list.length > 0 && <p class="muted">Choose an ad to see its clicks over time.</p>
        )}
      </div>
    </div>
  );
}
