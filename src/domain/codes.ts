import { randomBytes } from "node:crypto";

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/** Unguessable codes for deep links; Telegram start payloads allow [A-Za-z0-9_-]{1,64}. */
export function randomCode(length: number): string {
  const bytes = randomBytes(length * 2);
  let code = "";
  // Rejection sampling keeps every character equally likely.
  for (const byte of bytes) {
    if (byte < 256 - (256 % ALPHABET.length)) code += ALPHABET[byte % ALPHABET.length];
    if (code.length === length) return code;
  }
  return code + randomCode(length - code.length);
}
