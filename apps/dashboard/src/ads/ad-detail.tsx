import { useMemo, useState } from 'preact/hooks';
import { fetchSeriesCsv } from '../api/export';
import type { ApiProblem } from '../api/graphql';
import {
  BREAKDOWNS,
  QUALITY,
  SERIES,
  type Ad,
  type BreakdownsData,
  type QualityData,
  type SeriesData,
} from '../api/operations';
import { count, freshness } from '../shared/format';
import { Notice } from '../shared/notice';
import { useNow } from '../shared/use-now';
import { useQuery } from '../shared/use-query';
import { BreakdownPanels } from './breakdown-panels';
import { csvFileName } from './csv-file-name';
import { fromLocalInput, presetRange, rangeProblem, toLocalInput, type TimeRange } from './range';
import { SeriesChart } from './series-chart';
import { widenedBucketsNote } from './widened-buckets';
import { SeriesTable } from './series-table';
import { SeriesControls, timezoneChoices, type SeriesSettings } from './series-controls';

interface Props {
  readonly apiKey: string;
  readonly ad: Ad;
  readonly onUnauthenticated: (problem: ApiProblem) => void;
}

/** While the range ends now, the view asks again this often. */
const LIVE_REFRESH_MS = 5_000;

export function AdDetail({ apiKey, ad, onUnauthenticated }: Props) {
  const timezones = useMemo(timezoneChoices, []);
  const [settings, setSettings] = useState<SeriesSettings>(() => {
    const now = Date.now();
    return {
      preset: '24h',
      customFrom: toLocalInput(new Date(now - 86_400_000)),
      customTo: toLocalInput(new Date(now)),
      granularity: 'HOUR',
      timezone: timezones[0],
      includeBots: false,
    };
  });
  const now = useNow();

  const range: TimeRange =
    settings.preset === 'custom'
      ? {
          from: fromLocalInput(settings.customFrom),
          to: fromLocalInput(settings.customTo),
          live: false,
        }
      : presetRange(settings.preset, now);
  const problem = rangeProblem(range, settings.granularity);
  // A live range's ends move at every refresh; the view is its preset, not its instants.
  const view = JSON.stringify(
    settings.preset === 'custom'
      ? settings
      : { ...settings, customFrom: undefined, customTo: undefined },
  );
  const refresh = {
    skip: problem !== null,
    everyMs: range.live ? LIVE_REFRESH_MS : null,
    onUnauthenticated,
    view,
  };
  const span = problem
    ? {}
    : { adId: ad.id, from: range.from.toISOString(), to: range.to.toISOString() };
  const series = useQuery<SeriesData>(
    apiKey,
    SERIES,
    problem
      ? {}
      : {
          ...span,
          granularity: settings.granularity,
          timezone: settings.timezone,
          includeBots: settings.includeBots,
        },
    refresh,
  );
  const breakdowns = useQuery<BreakdownsData>(apiKey, BREAKDOWNS, span, refresh);
  const quality = useQuery<QualityData>(apiKey, QUALITY, span, refresh);
  const data = series.data;
  const points = data?.clickSeries.points ?? [];
  const totals = data?.clickTotals.ads[0];
  // Only for the answer to the settings on screen: the last view's answer stays up meanwhile.
  const widened =
    data && series.current
      ? widenedBucketsNote(
          points.map((p) => p.start),
          range,
          settings.granularity,
          data.clickSeries.timezone,
        )
      : null;

  const [exportProblem, setExportProblem] = useState<string | null>(null);

  async function exportCsv() {
    setExportProblem(null);
    let blob: Blob;
    try {
      blob = await fetchSeriesCsv(apiKey, {
        adId: ad.id,
        from: range.from,
        to: range.to,
        granularity: settings.granularity,
        timezone: settings.timezone,
        includeBots: settings.includeBots,
      });
    } catch (error) {
      setExportProblem((error as Error).message);
      return;
    }
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = csvFileName(ad.name, settings.granularity, range.from);
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  return (
    <section class="ad-detail" aria-labelledby="ad-title">
      <header class="ad-header">
        <h2 id="ad-title">{ad.name}</h2>
        <a class="target" href={ad.targetUrl} rel="noreferrer noopener" target="_blank">
          {ad.targetUrl}
        </a>
        {ad.paused && <span class="badge">paused</span>}
      </header>
      <SeriesControls settings={settings} onChange={setSettings} timezones={timezones} />
      <div class="status-line" aria-live="polite">
        {problem ? null : data ? (
          <span data-testid="freshness">
            {range.live ? 'Live · ' : ''}data as of {freshness(data.clickSeries.asOf, now)}
          </span>
        ) : null}
        {series.loading && !data && <span>Loading…</span>}
        {series.loading && data && !series.current && <span> · Updating…</span>}
      </div>
      {problem && <Notice kind="error">{problem}</Notice>}
      {!problem && series.problem && (
        <Notice kind="error">
          {series.problem.kind === 'unreachable'
            ? 'The server cannot be reached; retrying.'
            : series.problem.message}
        </Notice>
      )}
      {!problem && data && (
        <>
          <p class="totals" data-testid="range-totals">
            <strong>{count(totals?.clicks ?? 0)}</strong> clicks ·{' '}
            <strong>{count(totals?.uniqueUsers ?? 0)}</strong> unique users ·{' '}
            <strong>{count(totals?.botClicks ?? 0)}</strong> bot clicks in this range
          </p>
          <p class="totals" data-testid="quality-totals">
            Valid <strong>{count(totals?.clicks ?? 0)}</strong> · invalid{' '}
            <strong>{count(totals?.invalidClicks ?? 0)}</strong>
            {totals && totals.clicks + totals.invalidClicks > 0 && (
              <>
                {' '}
                ({Math.round((100 * totals.invalidClicks) / (totals.clicks + totals.invalidClicks))}
                % of all clicks)
              </>
            )}
          </p>
          {points.every((p) => p.clicks === 0 && p.botClicks === 0) && (
            <Notice kind="empty">No clicks in this range yet.</Notice>
          )}
          {widened && (
            <p class="muted rounding-note" data-testid="rounded-note">
              {widened}
            </p>
          )}
          <SeriesChart
            points={points}
            timezone={data.clickSeries.timezone}
            showBots={settings.includeBots}
          />
          <div class="actions">
            <button type="button" onClick={() => void exportCsv()} disabled={points.length === 0}>
              Export CSV
            </button>
          </div>
          {exportProblem && <Notice kind="error">{exportProblem}</Notice>}
          <SeriesTable points={points} timezone={data.clickSeries.timezone} />
          {breakdowns.problem && !series.problem && (
            <Notice kind="error">
              {breakdowns.problem.kind === 'unreachable'
                ? 'The server cannot be reached; retrying.'
                : breakdowns.problem.message}
            </Notice>
          )}
          <BreakdownPanels
            breakdowns={breakdowns.data}
            quality={quality.data}
            includeBots={settings.includeBots}
          />
        </>
      )}
    </section>
  );
}
