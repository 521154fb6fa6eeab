// "Connexion": e-mail address and password, then the second factor when the account uses one.
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { fieldMessages, problemMessage, type FieldMessages } from '../../api/problems';
import {
  SECOND_FACTOR_INVALID,
  SECOND_FACTOR_REQUIRED,
  signIn,
  type Credentials,
  type Session,
} from '../../api/session';
import { FormAlert } from '../../ui/FormAlert';
import { PageTitle } from '../../ui/PageTitle';
import { CodeStep, type CodeKind } from './CodeStep';
import { PasswordStep } from './PasswordStep';
import { takeSignInNotice } from './signInNotice';

const THROTTLED =
  'Trop de tentatives de connexion échouées. Réessayez dans 15 minutes ou contactez votre administrateur.';

export function SignInPage({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [notice] = useState(takeSignInNotice);
  const [step, setStep] = useState<'password' | 'code'>('password');
  const [credentials, setCredentials] = useState<Credentials>({ email: '', password: '' });
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<FieldMessages>({});
  const [codeReset, setCodeReset] = useState(0);

  async function attempt(next: Credentials) {
    setBusy(true);
    setAlert(null);
    setServerErrors({});
    try {
      const session = await signIn(next);
      onSignedIn(session);
      return;
    } catch (error) {
      onFailure(error, next);
    }
    setBusy(false);
  }

  function onFailure(error: unknown, tried: Credentials) {
    if (error instanceof ApiError && error.type === SECOND_FACTOR_REQUIRED) {
      setCredentials({ email: tried.email, password: tried.password });
      setStep('code');
      return;
    }
    if (error instanceof ApiError && error.type === SECOND_FACTOR_INVALID) setCodeReset((n) => n + 1);
    if (error instanceof ApiError && error.status === 429) {
      setAlert(error.detail || THROTTLED);
      return;
    }
    setServerErrors(fieldMessages(error));
    setAlert(problemMessage(error));
  }

  function backToPassword() {
    setStep('password');
    setAlert(null);
    setServerErrors({});
    setCredentials({ email: credentials.email, password: '' });
  }

  return (
    <article class="page page--narrow auth">
      <PageTitle>Connexion</PageTitle>
      {notice && (
        <p class="alert alert--info" role="status">
          {notice}
        </p>
      )}
      <FormAlert message={alert} testId="connexion-alerte" />
      {step === 'password' ? (
        <PasswordStep
          initialEmail={credentials.email}
          busy={busy}
          serverErrors={serverErrors}
          onSubmit={(email, password) => attempt({ email, password })}
        />
      ) : (
        <CodeStep
          email={credentials.email}
          busy={busy}
          serverError={serverErrors.totp ?? serverErrors.recovery_code}
          resetKey={codeReset}
          onSubmit={(kind: CodeKind, code) => attempt({ ...credentials, [kind]: code })}
          onCancel={backToPassword}
        />
      )}
    </article>
  );
}
