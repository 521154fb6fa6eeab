// "Ajouter un site": a place where the establishment works (name and address).
import { addSite, type SiteInput } from '../../api/establishmentParts';
import { FormAlert } from '../../ui/FormAlert';
import { TextField } from '../../ui/TextField';
import { useForm, type Errors } from './useForm';

interface Values {
  [field: string]: unknown;
  name: string;
  address_line: string;
  postal_code: string;
  city: string;
}

const IDS: Record<keyof Values & string, string> = {
  name: 'site-nom',
  address_line: 'site-adresse',
  postal_code: 'site-code-postal',
  city: 'site-ville',
};

const EMPTY: Values = { name: '', address_line: '', postal_code: '', city: '' };

function check(values: Values): Errors<Values> {
  const errors: Errors<Values> = {};
  if (!values.name.trim()) errors.name = 'Saisissez le nom du site.';
  if (values.postal_code.trim() && !/^\d{5}$/.test(values.postal_code.trim()))
    errors.postal_code = 'Le code postal compte 5 chiffres.';
  return errors;
}

function input(values: Values): SiteInput {
  const out: SiteInput = { name: values.name.trim() };
  for (const field of ['address_line', 'postal_code', 'city'] as const) if (values[field].trim()) out[field] = values[field].trim();
  return out;
}

export function SiteForm({ establishmentId, onDone }: { establishmentId: number; onDone: (message: string) => void }) {
  const form = useForm<Values>(EMPTY, IDS);
  const { values, set, errors } = form;
  return (
    <section class="panel" aria-labelledby="site-ajout-titre">
      <h3 id="site-ajout-titre" class="panel__title">
        Ajouter un site
      </h3>
      <FormAlert message={form.alert} testId="site-form-alert" />
      <form
        class="form"
        noValidate
        aria-labelledby="site-ajout-titre"
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit({
            check,
            send: (v) => addSite(establishmentId, input(v)),
            done: (created) => {
              form.reset();
              onDone(`Site « ${created.name} » ajouté.`);
            },
            failure: "Le site n'a pas été ajouté.",
          });
        }}
      >
        <TextField id={IDS.name} label="Nom du site" value={values.name} onValue={set('name')} error={errors.name} />
        <TextField
          id={IDS.address_line}
          label="Numéro et voie"
          required={false}
          value={values.address_line}
          onValue={set('address_line')}
          error={errors.address_line}
        />
        <div class="field-row">
          <TextField
            id={IDS.postal_code}
            label="Code postal"
            required={false}
            inputMode="numeric"
            class="field--narrow"
            value={values.postal_code}
            onValue={set('postal_code')}
            error={errors.postal_code}
          />
          <TextField id={IDS.city} label="Ville" required={false} value={values.city} onValue={set('city')} error={errors.city} />
        </div>
        <div class="form__actions">
          <button type="submit" class="button" disabled={form.busy}>
            {form.busy ? 'Enregistrement…' : 'Ajouter le site'}
          </button>
        </div>
      </form>
    </section>
  );
}
