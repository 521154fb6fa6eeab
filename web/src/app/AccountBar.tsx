// The signed-in person in the header: name, role, "Mon compte" and "Se déconnecter".
import { useState } from 'preact/hooks';
import { problemMessage } from '../api/problems';
import type { Session } from '../api/session';
import { ACCOUNT_PATH } from './paths';
import { roleLabels } from './roleLabels';
import { useSession } from './SessionContext';

export function AccountBar({ session }: { session: Session }) {
  const { signOut } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSignOut() {
    setBusy(true);
    setError(null);
    try {
      await signOut();
    } catch (e) {
      setError(`La déconnexion a échoué. ${problemMessage(e)}`);
      setBusy(false);
    }
  }

  const roles = roleLabels(session);
  return (
    <div class="account-bar" data-testid="account-bar">
      <p class="account-bar__who">
        <span class="account-bar__name">{session.account.display_name}</span>
        {roles && <span class="account-bar__role">{roles}</span>}
      </p>
      <a class="account-bar__link" href={ACCOUNT_PATH}>
        Mon compte
      </a>
      <button type="button" class="button button--secondary" onClick={onSignOut} disabled={busy}>
        Se déconnecter
      </button>
      {error && (
        <p class="account-bar__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
