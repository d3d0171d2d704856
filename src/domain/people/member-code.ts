/**
 * The member code a resident shows the petugas (in /profil): "W" + the person's number + a Luhn
 * check digit, e.g. W1230. Not a secret, only a way to pick the right person without spelling a
 * name; the check digit catches a mistyped digit or two swapped neighbours.
 */
export function memberCode(personId: number): string {
  return `W${personId}${luhnDigit(String(personId))}`;
}

/** The person a typed code names, or null if it is not a well-formed code. Tolerates "w-1230", "W 1230". */
export function parseMemberCode(text: string): number | null {
  const match = /^w[\s-]?(\d{2,12})$/i.exec(text.trim());
  if (!match) return null;
  const digits = match[1]!;
  const body = digits.slice(0, -1);
  if (luhnDigit(body) !== Number(digits.slice(-1))) return null;
  const id = Number(body);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

function luhnDigit(digits: string): number {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}
