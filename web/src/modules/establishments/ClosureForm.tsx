// "Déclarer une fermeture": from, to (included), reason, and the kind of care (all by default).
import type { Reference } from '../../api/establishments';
import { addClosure, type ClosureInput } from '../../api/establishmentParts';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { formatDate, isIsoDate } from './format';
import { useForm, type Errors } from './useForm';

interface Values {
  [field: string]: unknown;
  date_from: string;
  date_to: string;
  reason: string;
  care_mode: string;
}

const IDS: Record<keyof Values & string, string> = {
  date_from: 'fermeture-du',
  date_to: 'fermeture-au',
  reason: 'fermeture-motif',
  care_mode: 'fermeture-mode',
};

const EMPTY: Values = { date_from: '', date_to: '', reason: '', care_mode: '' };

function check(values: Values): Errors<Values> {
  const errors: Errors<Values> = {};
  if (!isIsoDate(values.date_from)) errors.date_from = 'Saisissez le premier jour de fermeture.';
  if (!isIsoDate(values.date_to)) errors.date_to = 'Saisissez le dernier jour de fermeture.';
  else if (isIsoDate(values.date_from) && values.date_to < values.date_from) errors.date_to = 'La fin précède le début.';
  if (!values.reason.trim()) errors.reason = 'Saisissez le motif de la fermeture.';
  return errors;
}

function input(values: Values): ClosureInput {
  return {
    date_from: values.date_from,
    date_to: values.date_to,
    reason: values.reason.trim(),
    ...(values.care_mode ? { care_mode: values.care_mode } : {}),
  };
}

interface Props {
  establishmentId: number;
  reference: Reference;
  onDone: (message: string) => void;
}

export function ClosureForm({ establishmentId, reference, onDone }: Props) {
  const form = useForm<Values>(EMPTY, IDS);
  const { values, set, errors } = form;
  return (
    <section class="panel" aria-labelledby="fermeture-ajout-titre">
      <h3 id="fermeture-ajout-titre" class="panel__title">
        Déclarer une fermeture
      </h3>
      <FormAlert message={form.alert} testId="closure-form-alert" />
      <form
        class="form"
        noValidate
        aria-labelledby="fermeture-ajout-titre"
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit({
            check,
            send: (v) => addClosure(establishmentId, input(v)),
            done: (created) => {
              form.reset();
              onDone(`Fermeture du ${formatDate(created.date_from)} au ${formatDate(created.date_to)} enregistrée.`);
            },
            failure: "La fermeture n'a pas été enregistrée.",
          });
        }}
      >
        <div class="form-grid">
          <TextField id={IDS.date_from} label="Du" type="date" value={values.date_from} onValue={set('date_from')} error={errors.date_from} />
          <TextField
            id={IDS.date_to}
            label="Au (inclus)"
            type="date"
            value={values.date_to}
            onValue={set('date_to')}
            error={errors.date_to}
          />
          <SelectField
            id={IDS.care_mode}
            label="Mode d'accueil concerné"
            emptyLabel="Tous les modes d'accueil"
            options={reference.care_modes.map((m) => ({ value: m.code, label: m.label }))}
            value={values.care_mode}
            onValue={set('care_mode')}
            error={errors.care_mode}
          />
        </div>
        <TextField id={IDS.reason} label="Motif" value={values.reason} onValue={set('reason')} error={errors.reason} />
        <div class="form__actions">
          <button type="submit" class="button" disabled={form.busy}>
            {form.busy ? 'Enregistrement…' : 'Déclarer la fermeture'}
          </button>
        </div>
      </form>
    </section>
  );
}
