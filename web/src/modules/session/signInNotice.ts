// A message for the next display of the sign-in page (why the user has to sign in again).
let notice: string | null = null;

export function setSignInNotice(message: string | null): void {
  notice = message;
}

/** The pending message, once: it is cleared when read. */
export function takeSignInNotice(): string | null {
  const message = notice;
  notice = null;
  return message;
}
