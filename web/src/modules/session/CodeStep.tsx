// Second step of the sign-in, for the accounts that use a second factor: the 6-digit code of the
// authenticator application, or one of the recovery codes given at enrolment.
import { useEffect, useState } from 'preact/hooks';
import { TextField } from '../../ui/TextField';
import { focusField } from '../../ui/focusField';
import { normaliseCode, totpProblem } from './validation';

export type CodeKind = 'totp' | 'recovery_code';

interface Props {
  /** The account being signed in. */
  email: string;
  busy: boolean;
  /** A message from the server about the code. */
  serverError?: string;
  /** Incremented by the parent to empty the field (after a refused code). */
  resetKey: number;
  onSubmit: (kind: CodeKind, code: string) => void;
  onCancel: () => void;
}

const FIELD = { totp: 'connexion-code', recovery_code: 'connexion-code-secours' } as const;

export function CodeStep({ email, busy, serverError, resetKey, onSubmit, onCancel }: Props) {
  const [kind, setKind] = useState<CodeKind>('totp');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();

  // The field is emptied where the change happens (switchKind, or the server's reset), not by this
  // effect: an effect runs after the new field is on screen, and would wipe what was typed in between
  // (the browser test typed its recovery code there, and it was gone when « Valider » was pressed).
  useEffect(() => {
    focusField(FIELD[kind]);
  }, [kind, resetKey]);
  useEffect(() => {
    if (resetKey) setCode('');
  }, [resetKey]);

  function submit(event: Event) {
    event.preventDefault();
    const problem = kind === 'totp' ? totpProblem(code) : code.trim() ? undefined : 'Saisissez un code de secours.';
    setError(problem);
    if (problem) return focusField(FIELD[kind]);
    onSubmit(kind, kind === 'totp' ? normaliseCode(code) : code.trim());
  }

  function switchKind() {
    setError(undefined);
    setCode('');
    setKind(kind === 'totp' ? 'recovery_code' : 'totp');
  }

  return (
    <form class="form" noValidate onSubmit={submit} aria-labelledby="connexion-code-titre">
      <h2 id="connexion-code-titre" class="form__title">
        Vérification en deux étapes
      </h2>
      <p class="form__account">Compte : {email}</p>
      {kind === 'totp' ? (
        <TextField
          key="totp"
          id={FIELD.totp}
          label="Code de vérification"
          hint="Le code à 6 chiffres affiché par votre application d'authentification."
          autoComplete="one-time-code"
          inputMode="numeric"
          class="field--short"
          value={code}
          onValue={setCode}
          error={error ?? serverError}
        />
      ) : (
        <TextField
          key="recovery"
          id={FIELD.recovery_code}
          label="Code de secours"
          hint="L'un des codes de secours remis lors de l'activation, par exemple 7KQ2-M9XD-4TPA. Chacun ne sert qu'une fois."
          autoComplete="off"
          spellcheck={false}
          autoCapitalize="characters"
          class="field--medium"
          value={code}
          onValue={setCode}
          error={error ?? serverError}
        />
      )}
      <div class="form__actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Vérification…' : 'Valider'}
        </button>
        <button type="button" class="button button--secondary" onClick={switchKind}>
          {kind === 'totp' ? 'Utiliser un code de secours' : "Utiliser le code de l'application"}
        </button>
        <button type="button" class="button button--link" onClick={onCancel}>
          Changer de compte
        </button>
      </div>
    </form>
  );
}
