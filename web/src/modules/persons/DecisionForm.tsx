// « Ajouter une décision d'orientation » (CDAPH / MDPH): reference, date, the category of establishment the
// person is oriented to, the period of validity, the MDPH file number, the Creton amendment.
import type { Reference } from '../../api/establishments';
import { addDecision, type DecisionInput } from '../../api/persons';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { formatDate, isIsoDate } from '../establishments/format';
import { useForm, type Errors } from '../establishments/useForm';
import { categoryOptions, required } from './choices';

interface Values {
  [field: string]: unknown;
  decision_reference: string;
  decision_date: string;
  category_code: string;
  valid_from: string;
  valid_to: string;
  mdph_number: string;
  creton: boolean;
}

const IDS: Record<keyof Values & string, string> = {
  decision_reference: 'decision-reference',
  decision_date: 'decision-date',
  category_code: 'decision-categorie',
  valid_from: 'decision-debut',
  valid_to: 'decision-fin',
  mdph_number: 'decision-mdph',
  creton: 'decision-creton',
};

const EMPTY: Values = {
  decision_reference: '',
  decision_date: '',
  category_code: '',
  valid_from: '',
  valid_to: '',
  mdph_number: '',
  creton: false,
};

function check(v: Values): Errors<Values> {
  const errors: Errors<Values> = {};
  errors.decision_reference = required(v.decision_reference, 'Saisissez la référence de la décision.');
  if (!isIsoDate(v.decision_date)) errors.decision_date = 'Saisissez la date de la décision.';
  if (!v.category_code) errors.category_code = "Choisissez la catégorie d'établissement.";
  if (!isIsoDate(v.valid_from)) errors.valid_from = 'Saisissez le début de validité.';
  if (!isIsoDate(v.valid_to)) errors.valid_to = 'Saisissez la fin de validité.';
  else if (isIsoDate(v.valid_from) && v.valid_to < v.valid_from) errors.valid_to = 'La fin précède le début.';
  return errors;
}

const input = (v: Values): DecisionInput => ({
  decision_reference: v.decision_reference.trim(),
  decision_date: v.decision_date,
  category_code: v.category_code,
  valid_from: v.valid_from,
  valid_to: v.valid_to,
  ...(v.mdph_number.trim() ? { mdph_number: v.mdph_number.trim() } : {}),
  creton: v.creton,
});

export function DecisionForm({ personId, reference, onDone }: { personId: number; reference: Reference; onDone: (m: string) => void }) {
  const form = useForm<Values>(EMPTY, IDS);
  const { values, set, errors } = form;
  return (
    <section class="panel" aria-labelledby="decision-titre" data-testid="decision-form">
      <h3 id="decision-titre" class="panel__title">
        Ajouter une décision d'orientation
      </h3>
      <FormAlert message={form.alert} testId="decision-form-alert" />
      <form
        class="form"
        noValidate
        aria-labelledby="decision-titre"
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit({
            check,
            send: (v) => addDecision(personId, input(v)),
            done: (created) => {
              form.reset();
              onDone(`Décision ${created.decision_reference} enregistrée, valable jusqu'au ${formatDate(created.valid_to)}.`);
            },
            failure: "La décision n'a pas été enregistrée.",
          });
        }}
      >
        <div class="form-grid">
          <TextField
            id={IDS.decision_reference}
            label="Référence de la décision"
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
            id={IDS.mdph_number}
            label="Numéro de dossier MDPH"
            required={false}
            value={values.mdph_number}
            onValue={set('mdph_number')}
            error={errors.mdph_number}
          />
        </div>
        <SelectField
          id={IDS.category_code}
          label="Orientation (catégorie d'établissement ou de service)"
          emptyLabel="Choisir…"
          options={categoryOptions(reference)}
          value={values.category_code}
          onValue={set('category_code')}
          error={errors.category_code}
        />
        <div class="form-grid">
          <TextField
            id={IDS.valid_from}
            label="Valable du"
            type="date"
            value={values.valid_from}
            onValue={set('valid_from')}
            error={errors.valid_from}
          />
          <TextField
            id={IDS.valid_to}
            label="Au"
            type="date"
            value={values.valid_to}
            onValue={set('valid_to')}
            error={errors.valid_to}
          />
        </div>
        <div class={['checkbox', errors.creton ? 'field--invalid' : ''].filter(Boolean).join(' ')}>
          <input
            type="checkbox"
            id={IDS.creton}
            checked={values.creton}
            onChange={(event) => set('creton')(event.currentTarget.checked)}
          />
          <label for={IDS.creton}>Amendement Creton (maintien d'un jeune adulte en établissement pour enfants)</label>
        </div>
        {errors.creton && <p class="field__error">{errors.creton}</p>}
        <div class="form__actions">
          <button type="submit" class="button" disabled={form.busy}>
            {form.busy ? 'Enregistrement…' : 'Ajouter la décision'}
          </button>
        </div>
      </form>
    </section>
  );
}
