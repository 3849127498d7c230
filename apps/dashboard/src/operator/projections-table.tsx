import type { ProjectionStatus } from '../api/operations';
import { count, duration, freshness } from '../shared/format';

export function ProjectionsTable({
  projections,
  now,
}: {
  readonly projections: readonly ProjectionStatus[];
  readonly now: number;
}) {
  return (
    <table class="data-table" aria-label="Projections">
      <thead>
        <tr>
          <th scope="col">Projection</th>
          <th scope="col">Events applied</th>
          <th scope="col">Behind (events)</th>
          <th scope="col">Behind (time)</th>
          <th scope="col">Rate</th>
          <th scope="col">As of</th>
          <th scope="col">Dead letters</th>
          <th scope="col">Rules</th>
        </tr>
      </thead>
      <tbody>
        {projections.map((p) => (
          <tr key={p.name}>
            <th scope="row">{p.name}</th>
            <td class="num">{count(p.eventsApplied)}</td>
            <td class="num">{count(p.eventsBehind)}</td>
            <td class="num">{duration(p.secondsBehind)}</td>
            <td class="num">{count(p.eventsPerSecond)}/s</td>
            <td>{freshness(p.asOf, now)}</td>
            <td class="num">{count(p.deadLetters)}</td>
            <td>
              <code>{p.rules ?? '—'}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
