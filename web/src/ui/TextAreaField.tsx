// A labelled multi-line text (needs, notes…) with its hint and its error message, tied to it (aria-describedby).
interface TextAreaFieldProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  rows?: number;
  hint?: string;
  error?: string;
  /** false: "(facultatif)" after the label. */
  required?: boolean;
  disabled?: boolean;
  maxLength?: number;
  class?: string;
}

export function TextAreaField(props: TextAreaFieldProps) {
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
      <textarea
        id={id}
        name={id}
        class="field__input field__input--area"
        rows={props.rows ?? 4}
        value={value}
        maxLength={props.maxLength}
        onInput={(event) => onValue(event.currentTarget.value)}
        disabled={props.disabled}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}
