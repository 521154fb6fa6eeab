// A labelled <select> with its hint and its error message, both tied to it (aria-describedby).
import type { Ref } from 'preact';

export interface SelectOption {
  value: string;
  label: string;
}

interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  options: readonly SelectOption[];
  /** A first option with the empty value ("Toutes les catégories", "Choisir…"). */
  emptyLabel?: string;
  hint?: string;
  error?: string;
  /** false: "(facultatif)" after the label. */
  required?: boolean;
  disabled?: boolean;
  selectRef?: Ref<HTMLSelectElement>;
  class?: string;
}

export function SelectField(props: SelectFieldProps) {
  const { id, label, value, onValue, hint, error } = props;
  const hintId = hint ? `${id}-aide` : undefined;
  const errorId = error ? `${id}-erreur` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={['field', error ? 'field--invalid' : '', props.class ?? ''].filter(Boolean).join(' ')}>
      <label class="field__label" for={id}>
        {label}
        {props.required === false && <span class="field__optional"> (facultatif)</span>}
      </label>
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
      <select
        id={id}
        name={id}
        class="field__input"
        ref={props.selectRef}
        value={value}
        onChange={(event) => onValue(event.currentTarget.value)}
        disabled={props.disabled}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      >
        {props.emptyLabel !== undefined && <option value="">{props.emptyLabel}</option>}
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
