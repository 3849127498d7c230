import type { Point } from '../api/operations';
import { count } from '../shared/format';

/**
 * The chart's text twin, folded away: screen readers cannot read a canvas, and people like
 * to copy numbers. Empty buckets are left out, and the summary counts the rows it shows
 * beside the buckets in the range, so "60 buckets" never heads a table of three rows.
 */
export function SeriesTable({
  points,
  timezone,
}: {
  readonly points: readonly Point[];
  readonly timezone: string;
}) {
  const shown = points.filter((p) => p.clicks > 0 || p.botClicks > 0);
  return (
    <details>
      <summary>
        Data as a table ({count(shown.length)} {shown.length === 1 ? 'bucket' : 'buckets'} with
        clicks, of {count(points.length)})
      </summary>
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
          {shown.map((p) => (
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
