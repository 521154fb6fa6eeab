// "Ajouter une période de capacité": kind of care, status, places and dates. A period may not overlap another
// of the same kind of care and status: the server says so (409 on effective_from), next to "Du".
import type { Reference } from '../../api/establishments';
import { addCapacity, type CapacityInput } from '../../api/establishmentParts';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { formatDate, isIsoDate, places } from './format';
import { careModeLabel, options } from './labels';
import { useForm, type Errors } from './useForm';

interface Values {
  [field: string]: unknown;
  care_mode: string;
  status: string;
  places: string;
  effective_from: string;
  effective_to: string;
}

const IDS: Record<keyof Values & string, string> = {
  care_mode: 'capacite-mode',
  status: 'capacite-statut',
  places: 'capacite-places',
  effective_from: 'capacite-du',
  effective_to: 'capacite-au',
};

const EMPTY: Values = { care_mode: '', status: 'authorised', places: '', effective_from: '', effective_to: '' };

function check(values: Values): Errors<Values> {
  const errors: Errors<Values> = {};
  if (!values.care_mode) errors.care_mode = "Choisissez le mode d'accueil.";
  if (!values.status) errors.status = 'Choisissez le statut des places.';
  const n = values.places.trim();
  if (!n) errors.places = 'Saisissez le nombre de places.';
  else if (!/^\d+$/.test(n) || Number(n) > 100000) errors.places = 'Saisissez un nombre entier de places, de 0 à 100 000.';
  if (!isIsoDate(values.effective_from)) errors.effective_from = 'Saisissez la date de début (premier jour).';
  if (values.effective_to && !isIsoDate(values.effective_to)) errors.effective_to = 'Saisissez une date valide.';
  else if (values.effective_to && isIsoDate(values.effective_from) && values.effective_to < values.effective_from)
    errors.effective_to = 'La fin précède le début.';
  return errors;
}

function input(values: Values): CapacityInput {
  return {
    care_mode: values.care_mode,
    status: values.status,
    places: Number(values.places.trim()),
    effective_from: values.effective_from,
    ...(values.effective_to ? { effective_to: values.effective_to } : {}),
  };
}

interface Props {
  establishmentId: number;
  reference: Reference;
  onDone: (message: string) => void;
}

export function CapacityForm({ establishmentId, reference, onDone }: Props) {
  const form = useForm<Values>(EMPTY, IDS);
  const { values, set, errors } = form;
  return (
    <section class="panel" aria-labelledby="capacite-ajout-titre">
      <h3 id="capacite-ajout-titre" class="panel__title">
        Ajouter une période de capacité
      </h3>
      <p class="field__hint">
        « Au » est le dernier jour de la période ; laissez-le vide pour une période sans fin. Pour un changement de
        capacité, closez d'abord la période en cours (bouton « Clore » du tableau), puis ajoutez la nouvelle période à
        partir du lendemain.
      </p>
      <FormAlert message={form.alert} testId="capacity-form-alert" />
      <form
        class="form"
        noValidate
        aria-labelledby="capacite-ajout-titre"
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit({
            check,
            send: (v) => addCapacity(establishmentId, input(v)),
            done: (created) => {
              form.reset({ ...EMPTY, care_mode: created.care_mode, status: created.status });
              onDone(
                `Période ajoutée : ${careModeLabel(reference, created.care_mode)}, ${places(created.places)} à partir du ${formatDate(created.effective_from)}.`,
              );
            },
            failure: "La période n'a pas été ajoutée.",
          });
        }}
      >
        <div class="form-grid">
          <SelectField
            id={IDS.care_mode}
            label="Mode d'accueil"
            emptyLabel="Choisir…"
            options={reference.care_modes.map((m) => ({ value: m.code, label: `${m.label} (${m.code})` }))}
            value={values.care_mode}
            onValue={set('care_mode')}
            error={errors.care_mode}
          />
          <SelectField
            id={IDS.status}
            label="Statut"
            options={options(reference.capacity_statuses)}
            value={values.status}
            onValue={set('status')}
            error={errors.status}
          />
          <TextField
            id={IDS.places}
            label="Places"
            inputMode="numeric"
            class="field--narrow"
            value={values.places}
            onValue={set('places')}
            error={errors.places}
          />
          <TextField
            id={IDS.effective_from}
            label="Du"
            type="date"
            value={values.effective_from}
            onValue={set('effective_from')}
            error={errors.effective_from}
          />
          <TextField
            id={IDS.effective_to}
            label="Au"
            type="date"
            required={false}
            value={values.effective_to}
            onValue={set('effective_to')}
            error={errors.effective_to}
          />
        </div>
        <div class="form__actions">
          <button type="submit" class="button" disabled={form.busy}>
            {form.busy ? 'Enregistrement…' : 'Ajouter la période'}
          </button>
        </div>
      </form>
    </section>
  );
}
