// "Nouveau mot de passe" from the link an administrator gave: /reinitialiser-mot-de-passe?jeton=…
// Public page: the token is the credential (single use, 24 hours).
import { useState } from 'preact/hooks';
import { fieldMessages, problemMessage, type FieldMessages } from '../../api/problems';
import { resetPassword } from '../../api/session';
import { SIGN_IN_PATH } from '../../app/paths';
import { FormAlert } from '../../ui/FormAlert';
import { PageTitle } from '../../ui/PageTitle';
import { TextField } from '../../ui/TextField';
import { focusField } from '../../ui/focusField';
import { PASSWORD_HINT, confirmationProblem, newPasswordProblem } from './validation';

const INVALID_LINK =
  "Ce lien de réinitialisation est invalide, expiré ou déjà utilisé. Demandez un nouveau lien à l'administrateur de Passerelle dans votre organisme.";

export function PasswordResetPage() {
  const [token] = useState(() => new URLSearchParams(window.location.search).get('jeton') ?? '');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<FieldMessages>({});
  const [alert, setAlert] = useState<string | null>(token ? null : INVALID_LINK);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setAlert(null);
    const found: FieldMessages = {};
    const next = newPasswordProblem(password);
    if (next) found.new_password = next;
    const confirm = confirmationProblem(password, confirmation);
    if (confirm) found.confirmation = confirm;
    setErrors(found);
    if (found.new_password) return focusField('reinit-mot-de-passe');
    if (found.confirmation) return focusField('reinit-confirmation');
    setBusy(true);
    try {
      await resetPassword(token, password);
      setDone(true);
    } catch (error) {
      const byField = fieldMessages(error);
      setErrors(byField);
      if (byField.token) setAlert(INVALID_LINK);
      else if (byField.new_password) {
        setAlert("Le mot de passe n'a pas été enregistré : corrigez l'erreur signalée.");
        focusField('reinit-mot-de-passe');
      } else setAlert(problemMessage(error));
    }
    setBusy(false);
  }

  if (done) {
    return (
      <article class="page page--narrow auth">
        <PageTitle>Mot de passe enregistré</PageTitle>
        <p class="alert alert--success" role="status">
          Votre nouveau mot de passe est enregistré.
        </p>
        <p>
          <a class="button" href={SIGN_IN_PATH}>
            Se connecter
          </a>
        </p>
      </article>
    );
  }

  return (
    <article class="page page--narrow auth">
      <PageTitle>Nouveau mot de passe</PageTitle>
      <p>Choisissez le mot de passe de votre compte Passerelle.</p>
      <FormAlert message={alert} testId="reinit-alerte" />
      <form class="form" noValidate onSubmit={submit}>
        <TextField
          id="reinit-mot-de-passe"
          label="Nouveau mot de passe"
          type="password"
          autoComplete="new-password"
          hint={PASSWORD_HINT}
          value={password}
          onValue={setPassword}
          error={errors.new_password}
        />
        <TextField
          id="reinit-confirmation"
          label="Confirmation du nouveau mot de passe"
          type="password"
          autoComplete="new-password"
          value={confirmation}
          onValue={setConfirmation}
          error={errors.confirmation}
        />
        <div class="form__actions">
          <button type="submit" class="button" disabled={busy || !token}>
            {busy ? 'Enregistrement…' : 'Enregistrer le mot de passe'}
          </button>
        </div>
      </form>
      <p class="form__help">
        <a href={SIGN_IN_PATH}>Revenir à la connexion</a>
      </p>
    </article>
  );
}
