import type { BreakdownsData, QualityData } from '../api/operations';
import { Breakdown } from './breakdown';

interface Props {
  readonly breakdowns: BreakdownsData | null;
  readonly quality: QualityData | null;
  readonly includeBots: boolean;
}

/** The range's clicks split every way the read models keep: where from, and who and how valid. */
export function BreakdownPanels({ breakdowns, quality, includeBots }: Props) {
  return (
    <>
      {breakdowns && (
        <div class="breakdowns">
          {(
            [
              ['By country', breakdowns.country],
              ['By device', breakdowns.device],
              ['By placement', breakdowns.placement],
            ] as const
          ).map(([title, { entries }]) => (
            <Breakdown key={title} title={title} entries={entries} includeBots={includeBots} />
          ))}
        </div>
      )}
      {quality && (
        <div class="breakdowns" data-testid="quality-breakdowns">
          <Breakdown
            title="Invalid clicks by reason"
            entries={quality.reasons.entries}
            includeBots={includeBots}
            measure="invalid"
          />
          {(
            [
              ['By browser', quality.browser],
              ['By OS', quality.os],
              ['By referrer', quality.referrer],
            ] as const
          ).map(([title, { entries }]) => (
            <Breakdown key={title} title={title} entries={entries} includeBots={includeBots} />
          ))}
        </div>
      )}
    </>
  );
}
