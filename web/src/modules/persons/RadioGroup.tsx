// A group of radio buttons in a fieldset: the legend names the group, the error is tied to the group.
// The first radio button has the id `${id}` so that the focus can be moved there when the group is in error.
import type { SelectOption } from '../../ui/SelectField';

interface RadioGroupProps {
  id: string;
  legend: string;
  options: readonly SelectOption[];
  value: string;
  onValue: (value: string) => void;
  hint?: string;
  error?: string;
}

export function RadioGroup({ id, legend, options, value, onValue, hint, error }: RadioGroupProps) {
  const hintId = hint ? `${id}-aide` : undefined;
  const errorId = error ? `${id}-erreur` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset class={['field', 'choices', error ? 'field--invalid' : ''].filter(Boolean).join(' ')} aria-describedby={describedBy}>
      <legend class="field__label">{legend}</legend>
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
      <div class="choices__list choices__list--inline">
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${index}`;
          return (
            <div class="checkbox" key={option.value}>
              <input
                type="radio"
                id={optionId}
                name={id}
                value={option.value}
                checked={value === option.value}
                onChange={() => onValue(option.value)}
              />
              <label for={optionId}>{option.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
