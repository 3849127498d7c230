import type { Granularity } from '../api/operations';
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
      <fieldset>
        <legend>Range</legend>
        {PRESETS.map((p) => (
          <label key={p.id} class="choice">
            <input
              type="radio"
              name="range"
              value={p.id}
              checked={settings.preset === p.id}
              onChange={() => set({ preset: p.id, granularity: p.granularity })}
            />
            {p.label}
          </label>
        ))}
      </fieldset>
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
      <fieldset>
        <legend>Granularity</legend>
        {GRANULARITIES.map((g) => (
          <label key={g.id} class="choice">
            <input
              type="radio"
              name="granularity"
              value={g.id}
              checked={settings.granularity === g.id}
              onChange={() => set({ granularity: g.id })}
            />
            {g.label}
          </label>
        ))}
      </fieldset>
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

/** Every zone the browser knows, with UTC, and the browser's own first. */
export function timezoneChoices(): string[] {
  const own = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const all = new Set<string>([own, 'UTC']);
  for (const tz of Intl.supportedValuesOf('timeZone')) all.add(tz);
  return [...all];
}
