// Addresses of the pages that live outside the bricks.
export const SIGN_IN_PATH = '/connexion';
export const PASSWORD_RESET_PATH = '/reinitialiser-mot-de-passe';
export const ACCOUNT_PATH = '/mon-compte';

/** The sign-in page, remembering where the user wanted to go ('/' is the default, left out). */
export function signInUrl(wanted: string): string {
  return wanted === '/' || !isSafeReturn(wanted)
    ? SIGN_IN_PATH
    : `${SIGN_IN_PATH}?retour=${encodeURIComponent(wanted)}`;
}

/** Only a path of this application: never another site (//exemple.fr, /\exemple.fr) nor the sign-in page. */
function isSafeReturn(path: string): boolean {
  return (
    path.startsWith('/') &&
    !path.startsWith('//') &&
    !path.startsWith('/\\') &&
    !path.startsWith(SIGN_IN_PATH) &&
    !/[\u0000-\u001f]/.test(path)
  );
}

/** Where to go once signed in: the ?retour= of the sign-in page when it is a path of the application. */
export function returnPath(search: string): string {
  const wanted = new URLSearchParams(search).get('retour');
  return wanted && isSafeReturn(wanted) ? wanted : '/';
}
