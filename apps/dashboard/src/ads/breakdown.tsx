import type { BreakdownEntry } from '../api/operations';
import { count } from '../shared/format';

interface Props {
  readonly title: string;
  readonly entries: readonly BreakdownEntry[];
  readonly includeBots: boolean;
  /** What the bars count: valid clicks (with bots when asked), or invalid clicks. */
  readonly measure?: 'clicks' | 'invalid';
}

/** A small table with proportional bars: a dozen countries read better as rows than as a pie. */
export function Breakdown({ title, entries, includeBots, measure = 'clicks' }: Props) {
  const value = (e: BreakdownEntry) =>
    measure === 'invalid' ? (e.invalidClicks ?? 0) : e.clicks + (includeBots ? e.botClicks : 0);
  // A value with nothing to show (the device class "bot" while bots are hidden) is no row.
  const rows = entries
    .filter((e) => value(e) > 0)
    .sort((a, b) => value(b) - value(a))
    .slice(0, 12);
  const max = Math.max(1, ...rows.map(value));
  return (
    <section class="breakdown" aria-label={title}>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p class="muted">No clicks in this range.</p>
      ) : (
        <table>
          <tbody>
            {rows.map((e) => (
              <tr key={e.value}>
                <th scope="row">{e.value}</th>
                <td class="bar-cell">
                  <span class="bar" style={{ width: `${(100 * value(e)) / max}%` }} />
                </td>
                <td class="num">{count(value(e))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
