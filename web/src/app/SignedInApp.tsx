// The application of a signed-in user: the layout with the navigation of their bricks, and the page.
import { useMemo } from 'preact/hooks';
import type { Session } from '../api/session';
import { EnrolmentPage } from '../modules/session/EnrolmentPage';
import { ForbiddenPage } from './ForbiddenPage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { findRoute, isAllowed } from './routes';
import { SessionContext, type SessionApi } from './SessionContext';

interface Props {
  path: string;
  session: Session;
  refresh(): Promise<void>;
  signOut(): Promise<void>;
  sessionClosed(notice: string): void;
}

function Page({ path, session }: { path: string; session: Session }) {
  const match = findRoute(path);
  if (!match) return <NotFoundPage path={path} />;
  if (!isAllowed(match.route, session.bricks)) return <ForbiddenPage />;
  const Component = match.route.component;
  // Keyed by path: another establishment is another page (fresh state), not an update of the same one.
  return <Component key={path} params={match.params} />;
}

export function SignedInApp({ path, session, refresh, signOut, sessionClosed }: Props) {
  const api = useMemo<SessionApi>(
    () => ({ session, refresh, signOut, sessionClosed }),
    [session, refresh, signOut, sessionClosed],
  );
  // An account that must use a second factor sees only the enrolment until it is done.
  const pending = session.second_factor.pending;
  return (
    <SessionContext.Provider value={api}>
      <Layout path={path} session={session} showNav={!pending}>
        {pending ? <EnrolmentPage /> : <Page path={path} session={session} />}
      </Layout>
    </SessionContext.Provider>
  );
}
