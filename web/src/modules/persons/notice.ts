// A message for the next page of the brick ("Le dossier a été créé."), taken once by that page.
let pending: string | null = null;

export function setNotice(message: string): void {
  pending = message;
}

export function takeNotice(): string | null {
  const message = pending;
  pending = null;
  return message;
}
