// « Nouvelle admission »: a stay in an establishment, for a kind of care, from a date (and where the person
// comes from). Two stays of one kind in one establishment may not overlap: the server says so next to the date.
import type { Reference } from '../../api/establishments';
import { admit, type StayInput } from '../../api/persons';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField, type SelectOption } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { formatDate, isIsoDate, todayIso } from '../establishments/format';
import { careModeLabel } from '../establishments/labels';
import { useForm, type Errors } from '../establishments/useForm';
import { careModeOptions } from './choices';
import { ORIGINS, optionsOf } from './labels';

interface Values {
  [field: string]: unknown;
  establishment_id: string;
  care_mode: string;
  admission_date: string;
  origin: string;
}

const IDS: Record<keyof Values & string, string> = {
  establishment_id: 'admission-etablissement',
  care_mode: 'admission-mode',
  admission_date: 'admission-date',
  origin: 'admission-provenance',
};

function check(v: Values): Errors<Values> {
  const errors: Errors<Values> = {};
  if (!v.establishment_id) errors.establishment_id = "Choisissez l'établissement.";
  if (!v.care_mode) errors.care_mode = "Choisissez le mode d'accueil.";
  if (!isIsoDate(v.admission_date)) errors.admission_date = "Saisissez la date d'admission.";
  if (!v.origin) errors.origin = 'Choisissez la provenance.';
  return errors;
}

const input = (v: Values): StayInput => ({
  establishment_id: Number(v.establishment_id),
  care_mode: v.care_mode,
  admission_date: v.admission_date,
  origin: v.origin,
});

interface Props {
  personId: number;
  reference: Reference;
  establishments: SelectOption[];
  onDone: (message: string) => void;
}

export function AdmitForm({ personId, reference, establishments, onDone }: Props) {
  const empty: Values = {
    establishment_id: establishments.length === 1 ? (establishments[0]?.value ?? '') : '',
    care_mode: '',
    admission_date: todayIso(),
    origin: '',
  };
  const form = useForm<Values>(empty, IDS);
  const { values, set, errors } = form;
  return (
    <section class="panel" aria-labelledby="admission-titre" data-testid="admit-form">
      <h3 id="admission-titre" class="panel__title">
        Nouvelle admission
      </h3>
      <FormAlert message={form.alert} testId="admit-form-alert" />
      <form
        class="form"
        noValidate
        aria-labelledby="admission-titre"
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit({
            check,
            send: (v) => admit(personId, input(v)),
            done: (stay) => {
              form.reset(empty);
              onDone(
                `Admission enregistrée : ${careModeLabel(reference, stay.care_mode)} à partir du ${formatDate(stay.admission_date)}.`,
              );
            },
            failure: "L'admission n'a pas été enregistrée.",
          });
        }}
      >
        <div class="form-grid">
          <SelectField
            id={IDS.establishment_id}
            label="Établissement"
            emptyLabel={establishments.length === 1 ? undefined : 'Choisir…'}
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
          <TextField
            id={IDS.admission_date}
            label="Date d'admission"
            type="date"
            value={values.admission_date}
            onValue={set('admission_date')}
            error={errors.admission_date}
          />
          <SelectField
            id={IDS.origin}
            label="Provenance"
            emptyLabel="Choisir…"
            options={optionsOf(ORIGINS)}
            value={values.origin}
            onValue={set('origin')}
            error={errors.origin}
          />
        </div>
        <div class="form__actions">
          <button type="submit" class="button" disabled={form.busy}>
            {form.busy ? 'Enregistrement…' : "Enregistrer l'admission"}
          </button>
        </div>
      </form>
    </section>
  );
}
