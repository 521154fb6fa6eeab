// The identity of an establishment: FINESS, name, category, publics, disabilities, funders, bricks, address.
// Used to create an establishment and to change one; checked here first (the FINESS key as the server does),
// then the server's errors are shown next to their fields.
import type { Establishment, Organisation, Reference } from '../../api/establishments';
import { CheckboxGroup } from '../../ui/CheckboxGroup';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { finessProblem, normaliseFiness } from './finess';
import { categoryOptions, options } from './labels';
import { PROFILE_IDS as IDS, checkProfile, type ProfileValues } from './profileValues';
import { useForm } from './useForm';

interface Props {
  reference: Reference;
  initial: ProfileValues;
  /** The establishment changed (edit); none: creation. */
  current?: Establishment;
  /** Platform administration at creation: the organisation to create the establishment in. */
  organisations?: Organisation[];
  submitLabel: string;
  failure: string;
  send: (values: ProfileValues) => Promise<Establishment>;
  done: (saved: Establishment) => void;
  onCancel?: () => void;
}

export function ProfileForm(props: Props) {
  const { reference, initial, current, organisations } = props;
  const form = useForm<ProfileValues>(initial, IDS);
  const { values, set, errors } = form;

  function onSubmit(event: Event) {
    event.preventDefault();
    void form.submit({
      check: (v) => checkProfile(v, Boolean(organisations)),
      send: props.send,
      done: props.done,
      failure: props.failure,
    });
  }

  // The FINESS number is checked as soon as the field is left (the same rule as the server's); an error goes
  // away as soon as the number typed is right (not on leaving the field: the form would move under the pointer).
  function onFinessInput(typed: string) {
    const value = normaliseFiness(typed);
    set('finess_et')(value);
    if (errors.finess_et && !finessProblem(value)) form.setErrors((e) => ({ ...e, finess_et: undefined }));
  }

  function onFinessBlur() {
    if (!values.finess_et) return;
    const problem = finessProblem(values.finess_et) ?? undefined;
    form.setErrors((e) => ({ ...e, finess_et: problem }));
  }

  return (
    <form class="form" noValidate onSubmit={onSubmit} data-testid="profile-form">
      <FormAlert message={form.alert} testId="profile-form-alert" />
      {organisations && (
        <SelectField
          id={IDS.organisation_id}
          label="Organisme gestionnaire"
          emptyLabel="Choisir…"
          options={organisations.map((o) => ({ value: String(o.id), label: o.name }))}
          value={values.organisation_id}
          onValue={set('organisation_id')}
          error={errors.organisation_id}
        />
      )}
      <TextField
        id={IDS.finess_et}
        label="Numéro FINESS de l'établissement"
        hint="9 caractères : le département (2A ou 2B en Corse), 6 chiffres et la clé de contrôle."
        class="field--short"
        value={values.finess_et}
        onValue={onFinessInput}
        onBlur={onFinessBlur}
        inputMode="text"
        autoComplete="off"
        spellcheck={false}
        autoCapitalize="characters"
        error={errors.finess_et}
      />
      <TextField id={IDS.name} label="Nom" value={values.name} onValue={set('name')} error={errors.name} />
      <SelectField
        id={IDS.category_code}
        label="Catégorie FINESS"
        emptyLabel="Choisir une catégorie…"
        options={categoryOptions(reference, current?.category_code)}
        value={values.category_code}
        onValue={set('category_code')}
        error={errors.category_code}
      />
      <div class="choices-grid">
        <CheckboxGroup
          id={IDS.publics}
          legend="Publics accueillis"
          required={false}
          options={options(reference.publics)}
          values={values.publics}
          onValues={set('publics')}
          error={errors.publics}
        />
        <CheckboxGroup
          id={IDS.funders}
          legend="Financeurs"
          required={false}
          options={options(reference.funders)}
          values={values.funders}
          onValues={set('funders')}
          error={errors.funders}
        />
        <CheckboxGroup
          id={IDS.disabilities}
          legend="Handicaps ou besoins accompagnés"
          required={false}
          options={options(reference.disabilities)}
          values={values.disabilities}
          onValues={set('disabilities')}
          error={errors.disabilities}
        />
        <CheckboxGroup
          id={IDS.bricks}
          legend="Briques activées"
          hint="Le dossier des personnes accompagnées est toujours actif."
          required={false}
          options={options(reference.bricks)}
          values={values.bricks}
          onValues={set('bricks')}
          error={errors.bricks}
        />
      </div>
      <fieldset class="fieldset">
        <legend class="fieldset__legend">Adresse</legend>
        <TextField
          id={IDS.address_line}
          label="Numéro et voie"
          required={false}
          autoComplete="street-address"
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
            autoComplete="postal-code"
            class="field--narrow"
            value={values.postal_code}
            onValue={set('postal_code')}
            error={errors.postal_code}
          />
          <TextField
            id={IDS.city}
            label="Ville"
            required={false}
            autoComplete="address-level2"
            value={values.city}
            onValue={set('city')}
            error={errors.city}
          />
        </div>
      </fieldset>
      <div class="form__actions">
        <button type="submit" class="button" disabled={form.busy}>
          {form.busy ? 'Enregistrement…' : props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" class="button button--secondary" onClick={props.onCancel} disabled={form.busy}>
            Annuler
          </button>
        )}
      </div>
    </form>
  );
}
