// A legal protection measure (add, or change: end of the measure, new protector): kind, period, judgement,
// and the protector (family, professional, association) with how to reach them.
import { addProtection, updateProtection, type Protection, type ProtectionInput } from '../../api/persons';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { isIsoDate } from '../establishments/format';
import { useForm, type Errors } from '../establishments/useForm';
import { required } from './choices';
import { PROTECTION_KINDS, PROTECTOR_KINDS, label, optionsOf } from './labels';

interface Values {
  [field: string]: unknown;
  kind: string;
  start_date: string;
  end_date: string;
  judgement_reference: string;
  protector_kind: string;
  protector_name: string;
  protector_phone: string;
  protector_email: string;
  protector_address: string;
}

const IDS: Record<keyof Values & string, string> = {
  kind: 'protection-mesure',
  start_date: 'protection-debut',
  end_date: 'protection-fin',
  judgement_reference: 'protection-jugement',
  protector_kind: 'protection-type-protecteur',
  protector_name: 'protection-protecteur',
  protector_phone: 'protection-telephone',
  protector_email: 'protection-courriel',
  protector_address: 'protection-adresse',
};

const OPTIONAL = ['end_date', 'judgement_reference', 'protector_phone', 'protector_email', 'protector_address'] as const;

const EMPTY: Values = {
  kind: '',
  start_date: '',
  end_date: '',
  judgement_reference: '',
  protector_kind: '',
  protector_name: '',
  protector_phone: '',
  protector_email: '',
  protector_address: '',
};

function valuesOf(p: Protection): Values {
  const v: Values = { ...EMPTY, kind: p.kind, start_date: p.start_date, protector_kind: p.protector_kind, protector_name: p.protector_name };
  for (const field of OPTIONAL) v[field] = p[field] ?? '';
  return v;
}

function check(v: Values): Errors<Values> {
  const errors: Errors<Values> = {};
  if (!v.kind) errors.kind = 'Choisissez la mesure.';
  if (!isIsoDate(v.start_date)) errors.start_date = 'Saisissez la date de début.';
  if (v.end_date && !isIsoDate(v.end_date)) errors.end_date = 'Saisissez une date valide.';
  else if (v.end_date && isIsoDate(v.start_date) && v.end_date < v.start_date) errors.end_date = 'La fin précède le début.';
  if (!v.protector_kind) errors.protector_kind = 'Choisissez qui exerce la mesure.';
  errors.protector_name = required(v.protector_name, 'Saisissez le nom du protecteur.');
  return errors;
}

function input(v: Values, creating: boolean): ProtectionInput {
  const out: ProtectionInput = {
    kind: v.kind,
    start_date: v.start_date,
    protector_kind: v.protector_kind,
    protector_name: v.protector_name.trim(),
  };
  for (const field of OPTIONAL) {
    const text = v[field].trim();
    if (text) Object.assign(out, { [field]: text });
    else if (!creating) Object.assign(out, { [field]: null });
  }
  return out;
}

interface Props {
  personId: number;
  protection?: Protection;
  onDone: (message: string) => void;
  onCancel?: () => void;
}

export function ProtectionForm({ personId, protection, onDone, onCancel }: Props) {
  const form = useForm<Values>(protection ? valuesOf(protection) : EMPTY, IDS);
  const { values, set, errors } = form;
  const title = protection ? `Modifier la mesure : ${label(PROTECTION_KINDS, protection.kind).toLowerCase()}` : 'Ajouter une mesure de protection';
  return (
    <section class="panel" aria-labelledby="protection-titre" data-testid="protection-form">
      <h3 id="protection-titre" class="panel__title">
        {title}
      </h3>
      <FormAlert message={form.alert} testId="protection-form-alert" />
      <form
        class="form"
        noValidate
        aria-labelledby="protection-titre"
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit({
            check,
            send: (v) =>
              protection
                ? updateProtection(personId, protection.id, input(v, false))
                : addProtection(personId, input(v, true)),
            done: (saved) => {
              if (!protection) form.reset();
              onDone(`Mesure enregistrée : ${label(PROTECTION_KINDS, saved.kind).toLowerCase()}.`);
            },
            failure: "La mesure n'a pas été enregistrée.",
          });
        }}
      >
        <div class="form-grid">
          <SelectField
            id={IDS.kind}
            label="Mesure"
            emptyLabel="Choisir…"
            options={optionsOf(PROTECTION_KINDS)}
            value={values.kind}
            onValue={set('kind')}
            error={errors.kind}
          />
          <TextField id={IDS.start_date} label="Depuis le" type="date" value={values.start_date} onValue={set('start_date')} error={errors.start_date} />
          <TextField
            id={IDS.end_date}
            label="Jusqu'au"
            type="date"
            required={false}
            value={values.end_date}
            onValue={set('end_date')}
            error={errors.end_date}
          />
          <TextField
            id={IDS.judgement_reference}
            label="Référence du jugement"
            required={false}
            value={values.judgement_reference}
            onValue={set('judgement_reference')}
            error={errors.judgement_reference}
          />
        </div>
        <fieldset class="fieldset">
          <legend class="fieldset__legend">Protecteur</legend>
          <div class="form-grid">
            <SelectField
              id={IDS.protector_kind}
              label="Exercée par"
              emptyLabel="Choisir…"
              options={optionsOf(PROTECTOR_KINDS)}
              value={values.protector_kind}
              onValue={set('protector_kind')}
              error={errors.protector_kind}
            />
            <TextField
              id={IDS.protector_name}
              label="Nom du protecteur"
              value={values.protector_name}
              onValue={set('protector_name')}
              error={errors.protector_name}
            />
            <TextField
              id={IDS.protector_phone}
              label="Téléphone"
              required={false}
              inputMode="numeric"
              value={values.protector_phone}
              onValue={set('protector_phone')}
              error={errors.protector_phone}
            />
            <TextField
              id={IDS.protector_email}
              label="Adresse électronique"
              type="email"
              required={false}
              value={values.protector_email}
              onValue={set('protector_email')}
              error={errors.protector_email}
            />
          </div>
          <TextField
            id={IDS.protector_address}
            label="Adresse postale"
            required={false}
            value={values.protector_address}
            onValue={set('protector_address')}
            error={errors.protector_address}
          />
        </fieldset>
        <div class="form__actions">
          <button type="submit" class="button" disabled={form.busy}>
            {form.busy ? 'Enregistrement…' : 'Enregistrer la mesure'}
          </button>
          {onCancel && (
            <button type="button" class="button button--secondary" onClick={onCancel} disabled={form.busy}>
              Annuler
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
