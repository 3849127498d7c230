import type { Ad } from '../api/operations';
import { count } from '../shared/format';

interface Props {
  readonly ads: readonly Ad[];
  readonly selected: string | null;
  readonly onSelect: (adId: string) => void;
  /** The operator sees every advertiser's ads: each says whose it is. */
  readonly showAdvertiser: boolean;
}

/** Each ad is a button: reachable with Tab, opened with Enter or Space. */
export function AdsList({ ads, selected, onSelect, showAdvertiser }: Props) {
  return (
    <ul class="ads-list" aria-label="Ads">
      {ads.map((ad) => (
        <li key={ad.id}>
          <button
            type="button"
            class="ad-item"
            aria-current={ad.id === selected ? 'true' : undefined}
            onClick={() => onSelect(ad.id)}
          >
            <span class="ad-name">
              {ad.name}
              {ad.paused && <span class="badge">paused</span>}
            </span>
            {showAdvertiser && ad.advertiser && <span class="ad-owner">{ad.advertiser.name}</span>}
            <span class="ad-totals">
              {count(ad.totals.clicks)} clicks · {count(ad.totals.uniqueUsers)} users
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
