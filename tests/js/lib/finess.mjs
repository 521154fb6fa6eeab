// FINESS numbers for tests, computed independently of the server's and the page's code:
// 8 digits then the Luhn key (every second digit from the right, starting left of the key, is
// doubled, minus 9 above 9; the sum of all digits is a multiple of 10).
export function luhnKey(eightDigits) {
  for (let key = 0; key <= 9; key++) {
    const digits = eightDigits + key;
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let d = Number(digits[digits.length - 1 - i]);
      if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
      sum += d;
    }
    if (sum % 10 === 0) return String(key);
  }
  throw new Error(`no Luhn key for ${eightDigits}`);
}

// A valid FINESS number from its first 8 digits.
export const finess = (eightDigits) => eightDigits + luhnKey(eightDigits);
