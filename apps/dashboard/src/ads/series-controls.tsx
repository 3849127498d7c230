import type { Granularity } from '../api/operations';
import { RadioGroup } from '../shared/radio-group';
import { canonicalZone } from './canonical-zone';
import { PRESETS, type PresetId } from './range';

export interface SeriesSettings {
  readonly preset: PresetId;
  /** `datetime-local` values, used when preset is custom. */
  readonly customFrom: string;
  readonly customTo: string;
  readonly granularity: Granularity;
  readonly timezone: string;
  readonly includeBots: boolean;
}

interface Props {
  readonly settings: SeriesSettings;
  readonly onChange: (next: SeriesSettings) => void;
  readonly timezones: readonly string[];
}

const GRANULARITIES: readonly { id: Granularity; label: string }[] = [
  { id: 'MINUTE', label: 'Minute' },
  { id: 'HOUR', label: 'Hour' },
  { id: 'DAY', label: 'Day' },
];

export function SeriesControls({ settings, onChange, timezones }: Props) {
  const set = (patch: Partial<SeriesSettings>) => onChange({ ...settings, ...patch });
  return (
    <div class="controls">
      <RadioGroup
        legend="Range"
        name="range"
        options={PRESETS}
        value={settings.preset}
        onChange={(p) => set({ preset: p.id, granularity: p.granularity })}
      />
      {settings.preset === 'custom' && (
        <fieldset>
          <legend>Custom range (your local time)</legend>
          <label>
            From{' '}
            <input
              type="datetime-local"
              value={settings.customFrom}
              onInput={(e) => set({ customFrom: (e.target as HTMLInputElement).value })}
            />
          </label>
          <label>
            To{' '}
            <input
              type="datetime-local"
              value={settings.customTo}
              onInput={(e) => set({ customTo: (e.target as HTMLInputElement).value })}
            />
          </label>
        </fieldset>
      )}
      <RadioGroup
        legend="Granularity"
        name="granularity"
        options={GRANULARITIES}
        value={settings.granularity}
        onChange={(g) => set({ granularity: g.id })}
      />
      <label class="field">
        Time zone
        <select
          value={settings.timezone}
          onChange={(e) => set({ timezone: (e.target as HTMLSelectElement).value })}
        >
          {timezones.map((tz) => (
            <option key={tz} value={tz}>
              {tz}
            </option>
          ))}
        </select>
      </label>
      <label class="choice">
        <input
          type="checkbox"
          checked={settings.includeBots}
          onChange={(e) => set({ includeBots: (e.target as HTMLInputElement).checked })}
        />
        Include bot clicks
      </label>
    </div>
  );
}

/** Every zone the browser knows, by its current IANA name, with UTC, and the browser's own first. */
export function timezoneChoices(): string[] {
  const own = canonicalZone(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  const all = new Set<string>([own, 'UTC']);
  for (const tz of Intl.supportedValuesOf('timeZone')) all.add(canonicalZone(tz));
  return [...all];
}
