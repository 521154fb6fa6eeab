// A labelled input with its hint and its error message, both tied to the input (aria-describedby).
import type { Ref } from 'preact';

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  onBlur?: () => void;
  type?: 'text' | 'email' | 'password' | 'date' | 'search';
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'email';
  hint?: string;
  error?: string;
  required?: boolean;
  disabled?: boolean;
  spellcheck?: boolean;
  autoCapitalize?: 'characters' | 'none' | 'off' | 'on' | 'sentences' | 'words';
  inputRef?: Ref<HTMLInputElement>;
  /** Extra class on the wrapper (width of the field). */
  class?: string;
}

export function TextField(props: TextFieldProps) {
  const { id, label, value, onValue, hint, error } = props;
  const hintId = hint ? `${id}-aide` : undefined;
  const errorId = error ? `${id}-erreur` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  // Preact types <input> props per value of `type`; a union of values has to be narrowed by hand.
  const typeAttribute = { type: props.type ?? 'text' } as { type: 'text' };
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
      <input
        id={id}
        name={id}
        class="field__input"
        ref={props.inputRef}
        {...typeAttribute}
        value={value}
        onInput={(event) => onValue(event.currentTarget.value)}
        onBlur={props.onBlur}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        spellcheck={props.spellcheck}
        autoCapitalize={props.autoCapitalize}
        disabled={props.disabled}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}
