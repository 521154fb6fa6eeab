// A contact of the person's circle (add, or change an existing one): who, how to reach them, and their rights:
// receives the letters (needs a full postal address or an e-mail), to be informed, to call in an emergency.
import { addContact, updateContact, type Contact, type ContactInput } from '../../api/persons';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { useForm, type Errors } from '../establishments/useForm';
import { required } from './choices';
import { CIVILITIES, CONTACT_KINDS, optionsOf } from './labels';

interface Values {
  [field: string]: unknown;
  kind: string;
  relationship: string;
  civility: string;
  last_name: string;
  first_name: string;
  phone: string;
  email: string;
  address_line: string;
  postal_code: string;
  city: string;
  receives_letters: boolean;
  to_be_informed: boolean;
  emergency: boolean;
}

const IDS: Record<keyof Values & string, string> = {
  kind: 'contact-type',
  relationship: 'contact-lien',
  civility: 'contact-civilite',
  last_name: 'contact-nom',
  first_name: 'contact-prenom',
  phone: 'contact-telephone',
  email: 'contact-courriel',
  address_line: 'contact-adresse',
  postal_code: 'contact-code-postal',
  city: 'contact-ville',
  receives_letters: 'contact-courriers',
  to_be_informed: 'contact-informe',
  emergency: 'contact-urgence',
};

const TEXT_FIELDS = ['relationship', 'civility', 'first_name', 'phone', 'email', 'address_line', 'postal_code', 'city'] as const;
const RIGHTS = ['receives_letters', 'to_be_informed', 'emergency'] as const;

const EMPTY: Values = {
  kind: '',
  relationship: '',
  civility: '',
  last_name: '',
  first_name: '',
  phone: '',
  email: '',
  address_line: '',
  postal_code: '',
  city: '',
  receives_letters: false,
  to_be_informed: false,
  emergency: false,
};

function valuesOf(c: Contact): Values {
  const v: Values = { ...EMPTY, kind: c.kind, last_name: c.last_name };
  for (const field of TEXT_FIELDS) v[field] = c[field] ?? '';
  for (const field of RIGHTS) v[field] = c[field];
  return v;
}

function check(v: Values): Errors<Values> {
  const errors: Errors<Values> = {};
  if (!v.kind) errors.kind = 'Choisissez le type de contact.';
  errors.last_name = required(v.last_name, 'Saisissez le nom.');
  if (v.postal_code.trim() && !/^\d{5}$/.test(v.postal_code.trim())) errors.postal_code = 'Le code postal compte 5 chiffres.';
  const fullAddress = v.address_line.trim() && v.postal_code.trim() && v.city.trim();
  if (v.receives_letters && !fullAddress && !v.email.trim())
    errors.receives_letters = 'Pour recevoir les courriers, saisissez une adresse postale complète ou une adresse électronique.';
  return errors;
}

function input(v: Values, creating: boolean): ContactInput {
  const out: ContactInput = { kind: v.kind, last_name: v.last_name.trim() };
  for (const field of TEXT_FIELDS) {
    const text = v[field].trim();
    if (text) Object.assign(out, { [field]: text });
    else if (!creating) Object.assign(out, { [field]: null });
  }
  for (const field of RIGHTS) out[field] = v[field];
  return out;
}

interface Props {
  personId: number;
  /** The contact changed; none: a new one. */
  contact?: Contact;
  onDone: (message: string) => void;
  onCancel?: () => void;
}

export function ContactForm({ personId, contact, onDone, onCancel }: Props) {
  const form = useForm<Values>(contact ? valuesOf(contact) : EMPTY, IDS);
  const { values, set, errors } = form;
  const title = contact ? `Modifier le contact ${contact.first_name ?? ''} ${contact.last_name}`.replace(/\s+/g, ' ') : 'Ajouter un contact';
  const checkbox = (field: (typeof RIGHTS)[number], text: string) => (
    <div class="checkbox">
      <input
        type="checkbox"
        id={IDS[field]}
        checked={values[field]}
        aria-invalid={errors[field] ? 'true' : undefined}
        aria-describedby={errors[field] ? `${IDS[field]}-erreur` : undefined}
        onChange={(event) => set(field)(event.currentTarget.checked)}
      />
      <label for={IDS[field]}>{text}</label>
    </div>
  );
  return (
    <section class="panel" aria-labelledby="contact-titre" data-testid="contact-form">
      <h3 id="contact-titre" class="panel__title">
        {title}
      </h3>
      <FormAlert message={form.alert} testId="contact-form-alert" />
      <form
        class="form"
        noValidate
        aria-labelledby="contact-titre"
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit({
            check,
            send: (v) => (contact ? updateContact(personId, contact.id, input(v, false)) : addContact(personId, input(v, true))),
            done: (saved) => {
              if (!contact) form.reset();
              onDone(contact ? 'Le contact a été modifié.' : `Contact ajouté : ${saved.first_name ?? ''} ${saved.last_name}.`.replace(/\s+/g, ' '));
            },
            failure: contact ? "Le contact n'a pas été modifié." : "Le contact n'a pas été ajouté.",
          });
        }}
      >
        <div class="form-grid">
          <SelectField
            id={IDS.kind}
            label="Type de contact"
            emptyLabel="Choisir…"
            options={optionsOf(CONTACT_KINDS)}
            value={values.kind}
            onValue={set('kind')}
            error={errors.kind}
          />
          <TextField
            id={IDS.relationship}
            label="Lien avec la personne"
            hint="Mère, frère, tuteur…"
            required={false}
            value={values.relationship}
            onValue={set('relationship')}
            error={errors.relationship}
          />
          <SelectField
            id={IDS.civility}
            label="Civilité"
            required={false}
            emptyLabel="—"
            options={optionsOf(CIVILITIES)}
            value={values.civility}
            onValue={set('civility')}
            error={errors.civility}
          />
          <TextField id={IDS.last_name} label="Nom" value={values.last_name} onValue={set('last_name')} error={errors.last_name} />
          <TextField
            id={IDS.first_name}
            label="Prénom"
            required={false}
            value={values.first_name}
            onValue={set('first_name')}
            error={errors.first_name}
          />
          <TextField
            id={IDS.phone}
            label="Téléphone"
            required={false}
            inputMode="numeric"
            autoComplete="off"
            value={values.phone}
            onValue={set('phone')}
            error={errors.phone}
          />
          <TextField
            id={IDS.email}
            label="Adresse électronique"
            type="email"
            required={false}
            autoComplete="off"
            value={values.email}
            onValue={set('email')}
            error={errors.email}
          />
        </div>
        <fieldset class="fieldset">
          <legend class="fieldset__legend">Adresse postale</legend>
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
        </fieldset>
        <fieldset class={['field', 'choices', errors.receives_letters || errors.to_be_informed || errors.emergency ? 'field--invalid' : ''].filter(Boolean).join(' ')}>
          <legend class="field__label">Droits et rôle</legend>
          {(['receives_letters', 'to_be_informed', 'emergency'] as const).map(
            (field) =>
              errors[field] && (
                <p class="field__error" id={`${IDS[field]}-erreur`} key={field}>
                  <span class="visually-hidden">Erreur : </span>
                  {errors[field]}
                </p>
              ),
          )}
          <div class="choices__list">
            {checkbox('receives_letters', 'Reçoit les courriers')}
            {checkbox('to_be_informed', 'Est informé(e) de la situation')}
            {checkbox('emergency', 'À prévenir en cas d’urgence')}
          </div>
        </fieldset>
        <div class="form__actions">
          <button type="submit" class="button" disabled={form.busy}>
            {form.busy ? 'Enregistrement…' : contact ? 'Enregistrer le contact' : 'Ajouter le contact'}
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
