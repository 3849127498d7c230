import type { Point } from '../api/operations';
import { count } from '../shared/format';

/**
 * The chart's text twin, folded away: screen readers cannot read a canvas, and people like
 * to copy numbers. Empty buckets are left out (the summary says how many there are in all).
 */
export function SeriesTable({
  points,
  timezone,
}: {
  readonly points: readonly Point[];
  readonly timezone: string;
}) {
  return (
    <details>
      <summary>Data as a table ({points.length} buckets)</summary>
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">Start ({timezone})</th>
            <th scope="col">Clicks</th>
            <th scope="col">Unique users</th>
            <th scope="col">Bot clicks</th>
          </tr>
        </thead>
        <tbody>
          {points
            .filter((p) => p.clicks > 0 || p.botClicks > 0)
            .map((p) => (
              <tr key={p.start}>
                <td>{new Date(p.start).toLocaleString(undefined, { timeZone: timezone })}</td>
                <td class="num">{count(p.clicks)}</td>
                <td class="num">{count(p.uniqueUsers)}</td>
                <td class="num">{count(p.botClicks)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </details>
  );
}
