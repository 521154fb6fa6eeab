// First step of the sign-in: e-mail address and password.
import { useState } from 'preact/hooks';
import type { FieldMessages } from '../../api/problems';
import { TextField } from '../../ui/TextField';
import { focusField } from '../../ui/focusField';
import { emailProblem } from './validation';

interface Props {
  initialEmail: string;
  busy: boolean;
  /** Messages from the server, per field (email, password). */
  serverErrors: FieldMessages;
  onSubmit: (email: string, password: string) => void;
}

export function PasswordStep({ initialEmail, busy, serverErrors, onSubmit }: Props) {
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldMessages>({});

  function submit(event: Event) {
    event.preventDefault();
    const found: FieldMessages = {};
    const emailError = emailProblem(email);
    if (emailError) found.email = emailError;
    if (!password) found.password = 'Saisissez votre mot de passe.';
    setErrors(found);
    if (found.email) return focusField('connexion-email');
    if (found.password) return focusField('connexion-mot-de-passe');
    onSubmit(email.trim(), password);
  }

  const shown = { ...serverErrors, ...errors };
  return (
    <form class="form" noValidate onSubmit={submit} aria-label="Connexion par mot de passe">
      <TextField
        id="connexion-email"
        label="Adresse électronique"
        type="email"
        autoComplete="username"
        inputMode="email"
        spellcheck={false}
        autoCapitalize="none"
        value={email}
        onValue={setEmail}
        error={shown.email}
      />
      <TextField
        id="connexion-mot-de-passe"
        label="Mot de passe"
        type="password"
        autoComplete="current-password"
        value={password}
        onValue={setPassword}
        error={shown.password}
      />
      <div class="form__actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Connexion…' : 'Se connecter'}
        </button>
      </div>
      <p class="form__help">
        Mot de passe oublié ? Demandez un lien de réinitialisation à l'administrateur de Passerelle dans votre
        organisme.
      </p>
    </form>
  );
}
