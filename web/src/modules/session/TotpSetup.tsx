// Enrolment, step 1: the QR code (and the secret, for manual entry), then the first code to confirm.
import { useState } from 'preact/hooks';
import { fieldMessages, problemMessage } from '../../api/problems';
import { confirmTotpEnrolment, type TotpEnrolment } from '../../api/session';
import { FormAlert } from '../../ui/FormAlert';
import { TextField } from '../../ui/TextField';
import { focusField } from '../../ui/focusField';
import { groupSecret, svgDataUrl } from './svgDataUrl';
import { normaliseCode, totpProblem } from './validation';

interface Props {
  enrolment: TotpEnrolment;
  onConfirmed: (recoveryCodes: string[]) => void;
}

export function TotpSetup({ enrolment, onConfirmed }: Props) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const problem = totpProblem(code);
    setError(problem);
    setAlert(null);
    if (problem) return focusField('activation-code');
    setBusy(true);
    try {
      const { recovery_codes } = await confirmTotpEnrolment(normaliseCode(code));
      onConfirmed(recovery_codes);
      return;
    } catch (e) {
      setError(fieldMessages(e).code);
      setAlert(problemMessage(e));
      setCode('');
      focusField('activation-code');
    }
    setBusy(false);
  }

  return (
    <>
      <ol class="steps">
        <li>
          Installez sur votre téléphone une application d'authentification (par exemple FreeOTP, Aegis, Google
          Authenticator ou Microsoft Authenticator).
        </li>
        <li>
          Dans l'application, ajoutez un compte en scannant ce code QR :
          <img
            class="qr-code"
            src={svgDataUrl(enrolment.qr_svg)}
            width={200}
            height={200}
            alt="Code QR à scanner avec votre application d'authentification"
          />
          <p>
            Vous ne pouvez pas scanner ? Saisissez cette clé dans l'application (type « basé sur le temps ») :{' '}
            <code class="secret" data-testid="totp-secret">
              {groupSecret(enrolment.secret)}
            </code>
          </p>
        </li>
        <li>Saisissez ci-dessous le code à 6 chiffres que l'application affiche.</li>
      </ol>
      <FormAlert message={alert} />
      <form class="form" noValidate onSubmit={submit} aria-label="Confirmer la double authentification">
        <TextField
          id="activation-code"
          label="Code de vérification"
          hint="Le code change toutes les 30 secondes."
          autoComplete="one-time-code"
          inputMode="numeric"
          class="field--short"
          value={code}
          onValue={setCode}
          error={error}
        />
        <div class="form__actions">
          <button type="submit" class="button" disabled={busy}>
            {busy ? 'Vérification…' : 'Activer'}
          </button>
        </div>
      </form>
    </>
  );
}
