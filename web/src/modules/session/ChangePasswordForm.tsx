// "Changer de mot de passe": current, new and confirmation. The server closes every session of the account
// when the password changes, so the user signs in again with the new one.
import { useState } from 'preact/hooks';
import { fieldMessages, problemMessage, type FieldMessages } from '../../api/problems';
import { changePassword } from '../../api/session';
import { useSession } from '../../app/SessionContext';
import { FormAlert } from '../../ui/FormAlert';
import { TextField } from '../../ui/TextField';
import { focusField } from '../../ui/focusField';
import { PASSWORD_HINT, confirmationProblem, newPasswordProblem } from './validation';

const FIELDS = {
  current_password: 'compte-mot-de-passe-actuel',
  new_password: 'compte-nouveau-mot-de-passe',
  confirmation: 'compte-confirmation',
} as const;

type Field = keyof typeof FIELDS;

export function ChangePasswordForm() {
  const { session, sessionClosed } = useSession();
  const [values, setValues] = useState<Record<Field, string>>({ current_password: '', new_password: '', confirmation: '' });
  const [errors, setErrors] = useState<FieldMessages>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (field: Field) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  function check(): FieldMessages {
    const found: FieldMessages = {};
    if (!values.current_password) found.current_password = 'Saisissez votre mot de passe actuel.';
    const next = newPasswordProblem(values.new_password);
    if (next) found.new_password = next;
    const confirmation = confirmationProblem(values.new_password, values.confirmation);
    if (confirmation) found.confirmation = confirmation;
    return found;
  }

  function showErrors(found: FieldMessages) {
    setErrors(found);
    const first = (Object.keys(FIELDS) as Field[]).find((field) => found[field]);
    if (first) focusField(FIELDS[first]);
  }

  async function submit(event: Event) {
    event.preventDefault();
    setAlert(null);
    const found = check();
    showErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await changePassword(values.current_password, values.new_password);
      sessionClosed('Votre mot de passe a été modifié. Connectez-vous avec le nouveau mot de passe.');
      return;
    } catch (error) {
      const byField = fieldMessages(error);
      showErrors(byField);
      setAlert(Object.keys(byField).length > 0 ? 'Le mot de passe n\'a pas été modifié : corrigez les erreurs signalées.' : problemMessage(error));
    }
    setBusy(false);
  }

  return (
    <section class="panel" aria-labelledby="mot-de-passe-titre">
      <h2 id="mot-de-passe-titre" class="panel__title">
        Changer de mot de passe
      </h2>
      <p>Toutes vos sessions ouvertes seront fermées : vous vous reconnecterez avec le nouveau mot de passe.</p>
      <FormAlert message={alert} testId="mot-de-passe-alerte" />
      <form class="form" noValidate onSubmit={submit} aria-labelledby="mot-de-passe-titre">
        {/* Tells password managers which account the new password belongs to. */}
        <input type="email" name="username" autoComplete="username" value={session.account.email} readOnly hidden />
        <TextField
          id={FIELDS.current_password}
          label="Mot de passe actuel"
          type="password"
          autoComplete="current-password"
          value={values.current_password}
          onValue={set('current_password')}
          error={errors.current_password}
        />
        <TextField
          id={FIELDS.new_password}
          label="Nouveau mot de passe"
          type="password"
          autoComplete="new-password"
          hint={PASSWORD_HINT}
          value={values.new_password}
          onValue={set('new_password')}
          error={errors.new_password}
        />
        <TextField
          id={FIELDS.confirmation}
          label="Confirmation du nouveau mot de passe"
          type="password"
          autoComplete="new-password"
          value={values.confirmation}
          onValue={set('confirmation')}
          error={errors.confirmation}
        />
        <div class="form__actions">
          <button type="submit" class="button" disabled={busy}>
            {busy ? 'Enregistrement…' : 'Changer le mot de passe'}
          </button>
        </div>
      </form>
    </section>
  );
}
