// "Activez la double authentification": the only page of an account that must use a second factor and has
// not enrolled one yet (the server refuses everything else until then).
import { useEffect, useState } from 'preact/hooks';
import { problemMessage } from '../../api/problems';
import { startTotpEnrolment, type TotpEnrolment } from '../../api/session';
import { useSession } from '../../app/SessionContext';
import { focusMainHeading } from '../../app/focus';
import { PageTitle } from '../../ui/PageTitle';
import { RecoveryCodes } from './RecoveryCodes';
import { TotpSetup } from './TotpSetup';

type Step =
  | { kind: 'starting' }
  | { kind: 'failed'; message: string }
  | { kind: 'setup'; enrolment: TotpEnrolment }
  | { kind: 'codes'; codes: string[] };

export function EnrolmentPage() {
  const { refresh } = useSession();
  const [step, setStep] = useState<Step>({ kind: 'starting' });
  const [attempt, setAttempt] = useState(0);
  const [continuing, setContinuing] = useState(false);

  useEffect(() => {
    let current = true;
    startTotpEnrolment().then(
      (enrolment) => current && setStep({ kind: 'setup', enrolment }),
      (error: unknown) => current && setStep({ kind: 'failed', message: problemMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  async function continueToApp() {
    setContinuing(true);
    await refresh();
    // The page of the application replaces this one: bring the focus to its heading.
    window.setTimeout(focusMainHeading, 0);
  }

  return (
    <article class="page">
      <PageTitle>Activez la double authentification</PageTitle>
      <p class="lead">
        Votre organisme demande un second facteur pour votre rôle : en plus du mot de passe, vous saisirez à chaque
        connexion un code à 6 chiffres donné par une application de votre téléphone.
      </p>
      {step.kind === 'starting' && (
        <p class="loading" role="status">
          Préparation du code QR…
        </p>
      )}
      {step.kind === 'failed' && (
        <>
          <p class="alert alert--error" role="alert">
            Impossible de commencer l'activation. {step.message}
          </p>
          <button type="button" class="button" onClick={() => setAttempt((n) => n + 1)}>
            Réessayer
          </button>
        </>
      )}
      {step.kind === 'setup' && (
        <TotpSetup enrolment={step.enrolment} onConfirmed={(codes) => setStep({ kind: 'codes', codes })} />
      )}
      {step.kind === 'codes' && <RecoveryCodes codes={step.codes} busy={continuing} onContinue={continueToApp} />}
    </article>
  );
}
