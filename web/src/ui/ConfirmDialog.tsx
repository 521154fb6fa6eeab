// A modal confirmation (native <dialog>: focus kept inside, Escape cancels, focus given back on close).
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

interface ConfirmDialogProps {
  id: string;
  open: boolean;
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  cancelLabel?: string;
  busy?: boolean;
  /** The action failed: said inside the dialog. */
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { id, open, title, children, confirmLabel, busy, error, onConfirm, onCancel } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      // The safe choice has the focus first.
      cancelButton.current?.focus();
    } else if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby={`${id}-titre`}
      aria-describedby={`${id}-texte`}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={`${id}-titre`} class="dialog__title">
        {title}
      </h2>
      <div id={`${id}-texte`} class="dialog__body">
        {children}
      </div>
      <div role="alert">{error && <p class="alert alert--error">{error}</p>}</div>
      <div class="form__actions">
        <button type="button" class="button button--danger" onClick={onConfirm} disabled={busy}>
          {busy ? 'Patientez…' : confirmLabel}
        </button>
        <button type="button" class="button button--secondary" ref={cancelButton} onClick={onCancel} disabled={busy}>
          {props.cancelLabel ?? 'Annuler'}
        </button>
      </div>
    </dialog>
  );
}
