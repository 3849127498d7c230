/** A labelled set of radio buttons: one fieldset, its legend, one choice per option. */
export function RadioGroup<T extends string, O extends { readonly id: T; readonly label: string }>({
  legend,
  name,
  options,
  value,
  onChange,
}: {
  readonly legend: string;
  readonly name: string;
  readonly options: readonly O[];
  readonly value: T;
  /** Called with the chosen option itself, so callers can read its other fields. */
  readonly onChange: (option: O) => void;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.id} class="choice">
          <input
            type="radio"
            name={name}
            value={o.id}
            checked={value === o.id}
            onChange={() => onChange(o)}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
