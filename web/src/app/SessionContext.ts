// What the pages of a signed-in user know about the session, and what they can do with it.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Session } from '../api/session';

export interface SessionApi {
  session: Session;
  /** Reads the session again (after the second factor has been enrolled, for instance). */
  refresh(): Promise<void>;
  /** DELETE /api/v1/session, then the sign-in page; rejects (and stays signed in) if the server cannot be reached. */
  signOut(): Promise<void>;
  /** The server has closed the session (password changed): the sign-in page, with this notice. */
  sessionClosed(notice: string): void;
}

export const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const api = useContext(SessionContext);
  if (!api) throw new Error('useSession outside of a signed-in page');
  return api;
}
