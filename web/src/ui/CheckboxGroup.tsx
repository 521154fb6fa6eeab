// A group of checkboxes in a fieldset: the legend names the group, the error is tied to the group.
// The first checkbox has the id `${id}` so that the focus can be moved there when the group is in error.
// An option may be shown disabled, with the reason next to it (tied to the checkbox).
import type { SelectOption } from './SelectField';

export interface CheckboxOption extends SelectOption {
  disabled?: boolean;
  /** A line under the label (why the option is disabled…). */
  hint?: string;
}

interface CheckboxGroupProps {
  id: string;
  legend: string;
  options: readonly CheckboxOption[];
  values: readonly string[];
  onValues: (values: string[]) => void;
  hint?: string;
  error?: string;
  /** false: "(facultatif)" after the legend. */
  required?: boolean;
  /** Options side by side (short labels: days of the week). */
  inline?: boolean;
}

export function CheckboxGroup(props: CheckboxGroupProps) {
  const { id, legend, options, values, onValues, hint, error } = props;
  const hintId = hint ? `${id}-aide` : undefined;
  const errorId = error ? `${id}-erreur` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;

  function toggle(value: string, checked: boolean) {
    // Kept in the order of the options, whatever the order of the clicks.
    const next = new Set(values);
    if (checked) next.add(value);
    else next.delete(value);
    onValues(options.map((o) => o.value).filter((v) => next.has(v)));
  }

  return (
    <fieldset
      class={['field', 'choices', error ? 'field--invalid' : '', props.inline ? 'choices--inline' : '']
        .filter(Boolean)
        .join(' ')}
      aria-describedby={describedBy}
    >
      <legend class="field__label">
        {legend}
        {props.required === false && <span class="field__optional"> (facultatif)</span>}
      </legend>
      {hint && (
        <p class="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field__error" id={errorId}>
          <span class="visually-hidden">Erreur : </span>
          {error}
        </p>
      )}
      <div class="choices__list">
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${index}`;
          const optionHintId = option.hint ? `${optionId}-aide` : undefined;
          return (
            <div class={['checkbox', option.disabled ? 'checkbox--disabled' : ''].filter(Boolean).join(' ')} key={option.value}>
              <input
                type="checkbox"
                id={optionId}
                name={id}
                value={option.value}
                checked={values.includes(option.value)}
                disabled={option.disabled}
                aria-describedby={optionHintId}
                onChange={(event) => toggle(option.value, event.currentTarget.checked)}
              />
              <span>
                <label for={optionId}>{option.label}</label>
                {option.hint && (
                  <span class="checkbox__hint" id={optionHintId}>
                    {option.hint}
                  </span>
                )}
              </span>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
