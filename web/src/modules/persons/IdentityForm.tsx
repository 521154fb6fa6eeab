// The identity of a person: the creation form and the « Modifier l'identité » form of the record. The server's
// errors are shown next to their fields (useForm); the caller sends and decides what follows.
import type { ComponentChildren } from 'preact';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField, type SelectOption } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { useForm } from '../establishments/useForm';
import { FirstNamesField } from './FirstNamesField';
import { IDENTITY_IDS as IDS, checkIdentity, type IdentityValues } from './identityValues';
import { IDENTITY_STATUSES, NEEDS_DOCUMENT, SEXES, optionsOf } from './labels';
import { RadioGroup } from './RadioGroup';

interface Props<T> {
  initial: IdentityValues;
  /** The establishments a new record can be registered in; none when the record exists. */
  establishments?: SelectOption[];
  submitLabel: string;
  failure: string;
  send: (values: IdentityValues) => Promise<T>;
  done: (result: T, values: IdentityValues) => void;
  onCancel?: () => void;
  /** Called on every change of a value (a warning about the previous values goes away). */
  onEdit?: () => void;
  /** Shown between the fields and the buttons (the duplicate warning). */
  children?: ComponentChildren;
  testId?: string;
}

const PRECISIONS: SelectOption[] = [
  { value: 'full', label: 'Date complète' },
  { value: 'year', label: 'Année seulement' },
];

export function IdentityForm<T>(props: Props<T>) {
  const creating = props.establishments !== undefined;
  const form = useForm<IdentityValues>(props.initial, IDS);
  const { values, errors } = form;
  const set =
    <K extends keyof IdentityValues & string>(field: K) =>
    (value: IdentityValues[K]) => {
      form.set(field)(value);
      props.onEdit?.();
    };

  function onSubmit(event: Event) {
    event.preventDefault();
    void form.submit({
      check: (v) => checkIdentity(v, creating),
      send: props.send,
      done: (result) => props.done(result, values),
      failure: props.failure,
    });
  }

  const needsDocument = NEEDS_DOCUMENT.has(values.identity_status);
  return (
    <form class="form" noValidate onSubmit={onSubmit} data-testid={props.testId ?? 'identity-form'}>
      <FormAlert message={form.alert} testId="identity-form-alert" />
      {props.establishments && (
        <SelectField
          id={IDS.establishment_id}
          label="Établissement"
          hint="L'établissement ou le service qui ouvre le dossier."
          emptyLabel={props.establishments.length === 1 ? undefined : 'Choisir…'}
          options={props.establishments}
          value={values.establishment_id}
          onValue={set('establishment_id')}
          error={errors.establishment_id}
        />
      )}
      <fieldset class="fieldset">
        <legend class="fieldset__legend">Traits d'identité</legend>
        <TextField
          id={IDS.birth_name}
          label="Nom de naissance"
          hint="Tel qu'il figure sur l'acte de naissance ou la pièce d'identité."
          autoComplete="off"
          spellcheck={false}
          value={values.birth_name}
          onValue={set('birth_name')}
          error={errors.birth_name}
        />
        <FirstNamesField
          idPrefix="usager-prenom"
          values={values.first_names}
          onValues={set('first_names')}
          error={errors.first_names}
        />
        <RadioGroup
          id={IDS.sex}
          legend="Sexe"
          options={optionsOf(SEXES)}
          value={values.sex}
          onValue={set('sex')}
          error={errors.sex}
        />
        <RadioGroup
          id={IDS.birth_precision}
          legend="Date de naissance connue"
          options={PRECISIONS}
          value={values.birth_precision}
          onValue={set('birth_precision')}
        />
        {values.birth_precision === 'year' ? (
          <TextField
            id={IDS.birth_year}
            label="Année de naissance"
            hint="4 chiffres, par exemple 1975."
            inputMode="numeric"
            class="field--narrow"
            value={values.birth_year}
            onValue={set('birth_year')}
            error={errors.birth_year ?? errors.birth_date}
          />
        ) : (
          <TextField
            id={IDS.birth_date}
            label="Date de naissance"
            type="date"
            class="field--medium"
            value={values.birth_date}
            onValue={set('birth_date')}
            error={errors.birth_date}
          />
        )}
        <TextField
          id={IDS.birth_place}
          label="Lieu de naissance (code INSEE)"
          hint="Code officiel géographique de la commune, 5 caractères (69123 pour Lyon ; 99 suivi du code du pays pour une naissance à l'étranger)."
          required={false}
          class="field--narrow"
          autoCapitalize="characters"
          spellcheck={false}
          value={values.birth_place}
          onValue={set('birth_place')}
          error={errors.birth_place}
        />
      </fieldset>
      <fieldset class="fieldset">
        <legend class="fieldset__legend">Usage</legend>
        <div class="field-row field-row--even">
          <TextField
            id={IDS.used_name}
            label="Nom d'usage"
            required={false}
            autoComplete="off"
            value={values.used_name}
            onValue={set('used_name')}
            error={errors.used_name}
          />
          <TextField
            id={IDS.used_first_name}
            label="Prénom usuel"
            required={false}
            autoComplete="off"
            value={values.used_first_name}
            onValue={set('used_first_name')}
            error={errors.used_first_name}
          />
        </div>
      </fieldset>
      <fieldset class="fieldset">
        <legend class="fieldset__legend">Identitovigilance</legend>
        <TextField
          id={IDS.nir}
          label="NIR (numéro de sécurité sociale)"
          hint="15 caractères, clé comprise ; les espaces sont acceptés."
          required={false}
          inputMode="numeric"
          autoComplete="off"
          spellcheck={false}
          class="field--medium"
          value={values.nir}
          onValue={set('nir')}
          error={errors.nir}
        />
        <SelectField
          id={IDS.identity_status}
          label="Statut de l'identité"
          hint="Validée ou qualifiée : après contrôle d'une pièce d'identité ; qualifiée : avec le NIR (INSi)."
          options={optionsOf(IDENTITY_STATUSES)}
          value={values.identity_status}
          onValue={set('identity_status')}
          error={errors.identity_status}
        />
        {needsDocument && (
          <TextField
            id={IDS.identity_document}
            label="Pièce d'identité vérifiée"
            hint="Carte nationale d'identité, passeport, titre de séjour…"
            value={values.identity_document}
            onValue={set('identity_document')}
            error={errors.identity_document}
          />
        )}
      </fieldset>
      {props.children}
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
