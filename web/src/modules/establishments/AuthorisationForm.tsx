// "Enregistrer un arrêté d'autorisation": reference, date, duration (15 years by default), notes.
import { addAuthorisation, type AuthorisationInput } from '../../api/establishmentParts';
import { FormAlert } from '../../ui/FormAlert';
import { TextField } from '../../ui/TextField';
import { formatDate, isIsoDate } from './format';
import { useForm, type Errors } from './useForm';

interface Values {
  [field: string]: unknown;
  decision_reference: string;
  decision_date: string;
  duration_years: string;
  notes: string;
}

const IDS: Record<keyof Values & string, string> = {
  decision_reference: 'autorisation-reference',
  decision_date: 'autorisation-date',
  duration_years: 'autorisation-duree',
  notes: 'autorisation-notes',
};

const EMPTY: Values = { decision_reference: '', decision_date: '', duration_years: '15', notes: '' };

function check(values: Values): Errors<Values> {
  const errors: Errors<Values> = {};
  if (!values.decision_reference.trim()) errors.decision_reference = "Saisissez la référence de l'arrêté.";
  if (!isIsoDate(values.decision_date)) errors.decision_date = 'Saisissez la date de la décision.';
  const years = values.duration_years.trim();
  if (years && (!/^\d+$/.test(years) || Number(years) < 1 || Number(years) > 30))
    errors.duration_years = 'Saisissez une durée de 1 à 30 ans.';
  return errors;
}

function input(values: Values): AuthorisationInput {
  const years = values.duration_years.trim();
  return {
    decision_reference: values.decision_reference.trim(),
    decision_date: values.decision_date,
    ...(years ? { duration_years: Number(years) } : {}),
    ...(values.notes.trim() ? { notes: values.notes.trim() } : {}),
  };
}

export function AuthorisationForm({ establishmentId, onDone }: { establishmentId: number; onDone: (message: string) => void }) {
  const form = useForm<Values>(EMPTY, IDS);
  const { values, set, errors } = form;
  return (
    <section class="panel" aria-labelledby="autorisation-ajout-titre">
      <h3 id="autorisation-ajout-titre" class="panel__title">
        Enregistrer un arrêté d'autorisation
      </h3>
      <FormAlert message={form.alert} testId="authorisation-form-alert" />
      <form
        class="form"
        noValidate
        aria-labelledby="autorisation-ajout-titre"
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit({
            check,
            send: (v) => addAuthorisation(establishmentId, input(v)),
            done: (created) => {
              form.reset();
              onDone(`Autorisation enregistrée : renouvellement le ${formatDate(created.renewal_date)}.`);
            },
            failure: "L'autorisation n'a pas été enregistrée.",
          });
        }}
      >
        <div class="form-grid">
          <TextField
            id={IDS.decision_reference}
            label="Référence de l'arrêté"
            value={values.decision_reference}
            onValue={set('decision_reference')}
            error={errors.decision_reference}
          />
          <TextField
            id={IDS.decision_date}
            label="Date de la décision"
            type="date"
            value={values.decision_date}
            onValue={set('decision_date')}
            error={errors.decision_date}
          />
          <TextField
            id={IDS.duration_years}
            label="Durée (années)"
            hint="15 ans en règle générale (CASF, art. L. 313-1)."
            inputMode="numeric"
            class="field--narrow"
            value={values.duration_years}
            onValue={set('duration_years')}
            error={errors.duration_years}
          />
        </div>
        <TextField id={IDS.notes} label="Notes" required={false} value={values.notes} onValue={set('notes')} error={errors.notes} />
        <div class="form__actions">
          <button type="submit" class="button" disabled={form.busy}>
            {form.busy ? 'Enregistrement…' : "Enregistrer l'autorisation"}
          </button>
        </div>
      </form>
    </section>
  );
}
