// Checks made in the browser before a form is sent; the server checks again and has the last word.

/** The server's rule is longer (common passwords, the address's local part): this only catches the obvious. */
export const PASSWORD_MIN_LENGTH = 12;

export function emailProblem(email: string): string | undefined {
  if (!email.trim()) return 'Saisissez votre adresse électronique.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()))
    return 'Saisissez une adresse électronique valide, par exemple prenom.nom@organisme.fr.';
  return undefined;
}

export function newPasswordProblem(password: string): string | undefined {
  if (!password) return 'Saisissez le nouveau mot de passe.';
  if ([...password].length < PASSWORD_MIN_LENGTH)
    return `Le mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères.`;
  return undefined;
}

export function confirmationProblem(password: string, confirmation: string): string | undefined {
  if (!confirmation) return 'Saisissez à nouveau le nouveau mot de passe.';
  if (password !== confirmation) return 'Les deux mots de passe ne sont pas identiques.';
  return undefined;
}

/** A 6-digit code typed with or without spaces ("123 456"). */
export function normaliseCode(code: string): string {
  return code.replace(/\s+/g, '');
}

export function totpProblem(code: string): string | undefined {
  const digits = normaliseCode(code);
  if (!digits) return 'Saisissez le code à 6 chiffres.';
  if (!/^\d{6}$/.test(digits)) return 'Le code comporte exactement 6 chiffres.';
  return undefined;
}

export const PASSWORD_HINT = `Au moins ${PASSWORD_MIN_LENGTH} caractères. Évitez les mots de passe courants et votre adresse électronique.`;
