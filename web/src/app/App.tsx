// The application: the session decides between the sign-in page and the signed-in application.
// The password-reset page is public: it is shown whatever the session.
import { useCallback, useEffect } from 'preact/hooks';
import { signOut as deleteSession } from '../api/session';
import { ApiError } from '../api/client';
import { PasswordResetPage } from '../modules/session/PasswordResetPage';
import { SignInPage } from '../modules/session/SignInPage';
import { setSignInNotice } from '../modules/session/signInNotice';
import { Layout } from './Layout';
import { PASSWORD_RESET_PATH, SIGN_IN_PATH, returnPath, signInUrl } from './paths';
import { Redirect } from './Redirect';
import { SignedInApp } from './SignedInApp';
import { LoadingPage, UnavailablePage } from './StatusPages';
import { focusMainHeading } from './focus';
import { navigate, useLinkInterception, useLocation } from './router';
import { useSessionState } from './useSessionState';

export function App() {
  useLinkInterception();
  const { path, seq } = useLocation();
  const { state, signedIn, signedOut, reload, retry } = useSessionState();

  // After a navigation (not on the first load), bring keyboard and screen-reader users to the new page.
  useEffect(() => {
    if (seq > 0) focusMainHeading();
  }, [seq]);

  const signOut = useCallback(async () => {
    try {
      await deleteSession();
    } catch (error) {
      // Already signed out (401) is fine; a server that cannot be reached keeps the session open.
      if (!(error instanceof ApiError) || error.status === 0) throw error;
    }
    navigate(SIGN_IN_PATH);
    signedOut();
  }, [signedOut]);

  const sessionClosed = useCallback(
    (notice: string) => {
      setSignInNotice(notice);
      navigate(SIGN_IN_PATH);
      signedOut();
    },
    [signedOut],
  );

  if (path === PASSWORD_RESET_PATH) {
    return (
      <Layout path={path}>
        <PasswordResetPage />
      </Layout>
    );
  }

  switch (state.kind) {
    case 'loading':
      return (
        <Layout path={path}>
          <LoadingPage />
        </Layout>
      );
    case 'unavailable':
      return (
        <Layout path={path}>
          <UnavailablePage message={state.message} onRetry={retry} />
        </Layout>
      );
    case 'anonymous':
      if (path !== SIGN_IN_PATH) return <Redirect to={signInUrl(path + window.location.search)} />;
      return (
        <Layout path={path}>
          <SignInPage onSignedIn={signedIn} />
        </Layout>
      );
    case 'signed-in':
      if (path === SIGN_IN_PATH) return <Redirect to={returnPath(window.location.search)} />;
      return (
        <SignedInApp
          path={path}
          session={state.session}
          refresh={reload}
          signOut={signOut}
          sessionClosed={sessionClosed}
        />
      );
  }
}
