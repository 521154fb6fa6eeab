// Closing an open capacity period: its last day (included).
import { useEffect, useRef } from 'preact/hooks';
import type { CapacityPeriod } from '../../api/establishments';
import { setCapacityEnd } from '../../api/establishmentParts';
import { FormAlert } from '../../ui/FormAlert';
import { TextField } from '../../ui/TextField';
import { formatDate, isIsoDate } from './format';
import { useForm, type Errors } from './useForm';

interface Props {
  establishmentId: number;
  period: CapacityPeriod;
  /** What the period is, for the accessible names ("Semi-internat, places autorisées"). */
  label: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}

interface Values {
  [field: string]: unknown;
  effective_to: string;
}

export function ClosePeriodForm({ establishmentId, period, label, onDone, onCancel }: Props) {
  const id = `capacite-${period.id}-fin`;
  const form = useForm<Values>({ effective_to: '' }, { effective_to: id });
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  function check(values: Values): Errors<Values> {
    if (!isIsoDate(values.effective_to)) return { effective_to: 'Saisissez le dernier jour de la période.' };
    if (values.effective_to < period.effective_from)
      return { effective_to: `La fin précède le début de la période (${formatDate(period.effective_from)}).` };
    return {};
  }

  return (
    <form
      class="inline-form"
      noValidate
      aria-label={`Clore la période ${label}`}
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit({
          check,
          send: (values) => setCapacityEnd(establishmentId, period.id, values.effective_to),
          done: (closed) => onDone(`La période ${label} a été close au ${formatDate(closed.effective_to)}.`),
          failure: "La période n'a pas été close.",
        });
      }}
    >
      <TextField
        id={id}
        label="Dernier jour"
        type="date"
        inputRef={input}
        value={form.values.effective_to}
        onValue={form.set('effective_to')}
        error={form.errors.effective_to}
      />
      <FormAlert message={form.errors.effective_to ? null : form.alert} />
      <div class="inline-form__actions">
        <button type="submit" class="button button--small" disabled={form.busy}>
          Clore
        </button>
        <button type="button" class="button button--secondary button--small" onClick={onCancel} disabled={form.busy}>
          Annuler
        </button>
      </div>
    </form>
  );
}
