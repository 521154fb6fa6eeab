// « Transférer » an open stay: the person leaves the day before the transfer date and is admitted on that date
// in another establishment (or another kind of care); one request makes both.
import type { Reference } from '../../api/establishments';
import { transfer, type Stay, type TransferInput } from '../../api/persons';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField, type SelectOption } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { formatDate, isIsoDate, todayIso } from '../establishments/format';
import { careModeLabel } from '../establishments/labels';
import { useForm, type Errors } from '../establishments/useForm';
import { careModeOptions } from './choices';

interface Values {
  [field: string]: unknown;
  transfer_date: string;
  establishment_id: string;
  care_mode: string;
  discharge_reason: string;
}

const IDS: Record<keyof Values & string, string> = {
  transfer_date: 'transfert-date',
  establishment_id: 'transfert-etablissement',
  care_mode: 'transfert-mode',
  discharge_reason: 'transfert-motif',
};

function check(v: Values, stay: Stay): Errors<Values> {
  const errors: Errors<Values> = {};
  if (!isIsoDate(v.transfer_date)) errors.transfer_date = "Saisissez la date d'arrivée dans le nouvel accueil.";
  else if (v.transfer_date <= stay.admission_date)
    errors.transfer_date = `Le transfert doit suivre l'admission du ${formatDate(stay.admission_date)}.`;
  if (!v.establishment_id) errors.establishment_id = "Choisissez l'établissement d'accueil.";
  if (!v.care_mode) errors.care_mode = "Choisissez le mode d'accueil.";
  return errors;
}

const input = (v: Values): TransferInput => ({
  transfer_date: v.transfer_date,
  establishment_id: Number(v.establishment_id),
  care_mode: v.care_mode,
  ...(v.discharge_reason.trim() ? { discharge_reason: v.discharge_reason.trim() } : {}),
});

interface Props {
  personId: number;
  stay: Stay;
  establishmentName: string;
  reference: Reference;
  establishments: SelectOption[];
  onDone: (message: string) => void;
  onCancel: () => void;
}

export function TransferForm({ personId, stay, establishmentName, reference, establishments, onDone, onCancel }: Props) {
  const form = useForm<Values>({ transfer_date: todayIso(), establishment_id: '', care_mode: stay.care_mode, discharge_reason: '' }, IDS);
  const { values, set, errors } = form;
  return (
    <section class="panel" aria-labelledby="transfert-titre" data-testid="transfer-form">
      <h3 id="transfert-titre" class="panel__title">
        Transfert — depuis {establishmentName} ({careModeLabel(reference, stay.care_mode)})
      </h3>
      <p class="field__hint">
        Le séjour actuel se termine la veille de la date de transfert ; le nouveau séjour commence à cette date.
      </p>
      <FormAlert message={form.alert} testId="transfer-form-alert" />
      <form
        class="form"
        noValidate
        aria-labelledby="transfert-titre"
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit({
            check: (v) => check(v, stay),
            send: (v) => transfer(personId, stay.id, input(v)),
            done: ({ admitted }) =>
              onDone(`Transfert enregistré : nouveau séjour à partir du ${formatDate(admitted.admission_date)}.`),
            failure: "Le transfert n'a pas été enregistré.",
          });
        }}
      >
        <div class="form-grid">
          <TextField
            id={IDS.transfer_date}
            label="Date de transfert"
            hint="Premier jour du nouvel accueil."
            type="date"
            value={values.transfer_date}
            onValue={set('transfer_date')}
            error={errors.transfer_date}
          />
          <SelectField
            id={IDS.establishment_id}
            label="Établissement d'accueil"
            emptyLabel="Choisir…"
            options={establishments}
            value={values.establishment_id}
            onValue={set('establishment_id')}
            error={errors.establishment_id}
          />
          <SelectField
            id={IDS.care_mode}
            label="Mode d'accueil"
            emptyLabel="Choisir…"
            options={careModeOptions(reference)}
            value={values.care_mode}
            onValue={set('care_mode')}
            error={errors.care_mode}
          />
        </div>
        <TextField
          id={IDS.discharge_reason}
          label="Motif du transfert"
          required={false}
          value={values.discharge_reason}
          onValue={set('discharge_reason')}
          error={errors.discharge_reason}
        />
        <div class="form__actions">
          <button type="submit" class="button" disabled={form.busy}>
            {form.busy ? 'Enregistrement…' : 'Enregistrer le transfert'}
          </button>
          <button type="button" class="button button--secondary" onClick={onCancel} disabled={form.busy}>
            Annuler
          </button>
        </div>
      </form>
    </section>
  );
}
