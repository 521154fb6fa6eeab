// The session of the browser: read once on start (GET /api/v1/session), replaced on sign-in, cleared on
// sign-out or whenever the server answers 401 (the session has expired or was revoked).
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, onUnauthorized, setCsrfToken } from '../api/client';
import { problemMessage } from '../api/problems';
import { fetchSession, type Session } from '../api/session';
import { setSignInNotice } from '../modules/session/signInNotice';

export type SessionState =
  | { kind: 'loading' }
  | { kind: 'anonymous' }
  | { kind: 'unavailable'; message: string }
  | { kind: 'signed-in'; session: Session };

export function useSessionState() {
  const [state, setState] = useState<SessionState>({ kind: 'loading' });

  const signedIn = useCallback((session: Session) => {
    setCsrfToken(session.csrf_token);
    setState({ kind: 'signed-in', session });
  }, []);

  const signedOut = useCallback(() => {
    setCsrfToken(null);
    setState({ kind: 'anonymous' });
  }, []);

  /** Reads the session; resolves once the state is known. */
  const load = useCallback(async () => {
    try {
      signedIn(await fetchSession());
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) signedOut();
      else setState({ kind: 'unavailable', message: problemMessage(error) });
    }
  }, [signedIn, signedOut]);

  const retry = useCallback(() => {
    setState({ kind: 'loading' });
    void load();
  }, [load]);

  useEffect(() => {
    void load();
    onUnauthorized(() => {
      setSignInNotice('Votre session a pris fin. Reconnectez-vous pour continuer.');
      signedOut();
    });
    return () => onUnauthorized(null);
  }, [load, signedOut]);

  return { state, signedIn, signedOut, reload: load, retry };
}
