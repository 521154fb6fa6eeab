// A labelled file input with its hint and its error message, tied to it (aria-describedby).
import type { Ref } from 'preact';

interface FileFieldProps {
  id: string;
  label: string;
  onFile: (file: File | null) => void;
  /** Extensions or media types offered by the browser's picker (the server checks the content anyway). */
  accept?: string;
  hint?: string;
  error?: string;
  disabled?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

export function FileField(props: FileFieldProps) {
  const { id, label, onFile, hint, error } = props;
  const hintId = hint ? `${id}-aide` : undefined;
  const errorId = error ? `${id}-erreur` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={['field', error ? 'field--invalid' : ''].filter(Boolean).join(' ')}>
      <label class="field__label" for={id}>
        {label}
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
        type="file"
        class="field__input field__input--file"
        ref={props.inputRef}
        accept={props.accept}
        onChange={(event) => onFile(event.currentTarget.files?.[0] ?? null)}
        disabled={props.disabled}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}
