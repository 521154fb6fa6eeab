// Turning an ApiError into what a form shows: one message per field, and a sentence for the alert region.
import { ApiError } from './client';

export type FieldMessages = Record<string, string>;

/** The server's messages per field (errors[{field, message}]), capitalised for display. */
export function fieldMessages(error: unknown): FieldMessages {
  const out: FieldMessages = {};
  if (!(error instanceof ApiError)) return out;
  for (const { field, message } of error.errors) {
    if (field && message && !out[field]) out[field] = capitalise(message);
  }
  return out;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A French sentence for the alert region: the problem's detail, else its title. */
export function problemMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return 'Le serveur est injoignable. Vérifiez votre connexion puis réessayez.';
    return error.detail || error.title;
  }
  return 'Une erreur inattendue est survenue. Réessayez.';
}
