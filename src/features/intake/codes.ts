import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

// No 0/O, 1/I/L, U: a code read over the phone or copied by hand survives.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

function pick(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

/** A reference code people can read aloud: "K7QD-4HXM" (30^8, about 6.6e11 codes per hotline). */
export function newReferenceCode(): string {
  return `${pick(4)}-${pick(4)}`;
}

/** Accepts a code as typed: lower case, spaces, no dash. */
export function tidyReferenceCode(input: string): string {
  const s = input.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return s.length === 8 ? `${s.slice(0, 4)}-${s.slice(4)}` : s;
}

/** The secret a reporter needs, with the reference code, to add to their report (shown once). */
export function newAppendSecret(): string {
  return `${pick(5)}-${pick(5)}-${pick(5)}`;
}

export const hashSecret = (secret: string): string =>
  createHash('sha256')
    .update(secret.toUpperCase().replace(/[^0-9A-Z]/g, ''))
    .digest('hex');

export function secretMatches(secret: string, hash: string | null): boolean {
  if (!hash) return false;
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export const randomToken = (bytes = 16): string => randomBytes(bytes).toString('base64url');
