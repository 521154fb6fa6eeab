// « Déclarer la sortie » of an open stay: the last day, where the person goes, why. The server refuses a day
// before the admission, or before days of attendance already recorded (next to the date).
import { discharge, type DischargeInput, type Stay } from '../../api/persons';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { formatDate, isIsoDate, todayIso } from '../establishments/format';
import { useForm, type Errors } from '../establishments/useForm';
import { DESTINATIONS, optionsOf } from './labels';

interface Values {
  [field: string]: unknown;
  discharge_date: string;
  destination: string;
  discharge_reason: string;
}

const IDS: Record<keyof Values & string, string> = {
  discharge_date: 'sortie-date',
  destination: 'sortie-destination',
  discharge_reason: 'sortie-motif',
};

function check(v: Values, stay: Stay): Errors<Values> {
  const errors: Errors<Values> = {};
  if (!isIsoDate(v.discharge_date)) errors.discharge_date = 'Saisissez la date de sortie (dernier jour du séjour).';
  else if (v.discharge_date < stay.admission_date)
    errors.discharge_date = `La sortie précède l'admission du ${formatDate(stay.admission_date)}.`;
  if (!v.destination) errors.destination = 'Choisissez la destination.';
  return errors;
}

const input = (v: Values): DischargeInput => ({
  discharge_date: v.discharge_date,
  destination: v.destination,
  ...(v.discharge_reason.trim() ? { discharge_reason: v.discharge_reason.trim() } : {}),
});

interface Props {
  personId: number;
  stay: Stay;
  establishmentName: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}

export function DischargeForm({ personId, stay, establishmentName, onDone, onCancel }: Props) {
  const form = useForm<Values>({ discharge_date: todayIso(), destination: '', discharge_reason: '' }, IDS);
  const { values, set, errors } = form;
  return (
    <section class="panel" aria-labelledby="sortie-titre" data-testid="discharge-form">
      <h3 id="sortie-titre" class="panel__title">
        Sortie — {establishmentName} (admission du {formatDate(stay.admission_date)})
      </h3>
      <FormAlert message={form.alert} testId="discharge-form-alert" />
      <form
        class="form"
        noValidate
        aria-labelledby="sortie-titre"
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit({
            check: (v) => check(v, stay),
            send: (v) => discharge(personId, stay.id, input(v)),
            done: (closed) => onDone(`Sortie enregistrée le ${formatDate(closed.discharge_date)}.`),
            failure: "La sortie n'a pas été enregistrée.",
          });
        }}
      >
        <div class="form-grid">
          <TextField
            id={IDS.discharge_date}
            label="Date de sortie"
            hint="Dernier jour du séjour."
            type="date"
            value={values.discharge_date}
            onValue={set('discharge_date')}
            error={errors.discharge_date}
          />
          <SelectField
            id={IDS.destination}
            label="Destination"
            emptyLabel="Choisir…"
            options={optionsOf(DESTINATIONS)}
            value={values.destination}
            onValue={set('destination')}
            error={errors.destination}
          />
        </div>
        <TextField
          id={IDS.discharge_reason}
          label="Motif de sortie"
          required={false}
          value={values.discharge_reason}
          onValue={set('discharge_reason')}
          error={errors.discharge_reason}
        />
        <div class="form__actions">
          <button type="submit" class="button" disabled={form.busy}>
            {form.busy ? 'Enregistrement…' : 'Enregistrer la sortie'}
          </button>
          <button type="button" class="button button--secondary" onClick={onCancel} disabled={form.busy}>
            Annuler
          </button>
        </div>
      </form>
    </section>
  );
}
