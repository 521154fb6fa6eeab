// The FINESS number of an establishment (FINESS ET), checked as the server does (src/core/identifiers.cpp):
// 9 characters, the department first (2A/2B for Corsica), digits, and a Luhn key as the 9th digit.

/** The Luhn rule: from the right, every second digit left of the key is doubled (minus 9 above 9); sum ≡ 0 mod 10. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** What is wrong with a FINESS number, in French, or null when it is valid. */
export function finessProblem(value: string): string | null {
  if (!value) return 'Saisissez le numéro FINESS de l’établissement.';
  if (value.length !== 9) return 'Un numéro FINESS compte 9 caractères.';
  const corsica = /^2[AB]/.test(value);
  if (!corsica && !/^\d{2}/.test(value))
    return 'Les deux premiers caractères doivent être le numéro de département (2A ou 2B pour la Corse).';
  if (!/^\d{7}$/.test(value.slice(2)))
    return 'Un numéro FINESS ne contient que des chiffres (sauf 2A ou 2B pour la Corse).';
  // The server accepts Corsican numbers on their format: how 2A/2B enter the key is not published.
  if (corsica) return null;
  if (!luhnValid(value)) return 'La clé de contrôle (9e chiffre) ne correspond pas : vérifiez le numéro.';
  return null;
}

/** Spaces typed or pasted inside the number are dropped; letters in capitals (2a → 2A). */
export const normaliseFiness = (value: string) => value.replace(/\s+/g, '').toUpperCase();
