/**
 * Normalisation of the values we compare. Names in any script survive: accents are removed
 * (NFKD, then combining marks dropped) but letters of every alphabet are kept.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

const MARKS = /\p{M}+/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;
const SPECIAL: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  ø: 'o',
  œ: 'oe',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  đ: 'd',
  ı: 'i',
};
const SPECIAL_RE = /[ßæøœðþłđı]/g;

/** Lower case, no accents, punctuation turned into single spaces; other scripts kept. */
export function normaliseText(value: string | null | undefined): string {
  if (!value) return '';
  return value
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c)
    .replace(NOT_LETTER_OR_DIGIT, ' ')
    .trim();
}

/** The words of a name; apostrophes and hyphens split ("O'Brien" -> "o", "brien" is avoided by joining). */
export function nameTokens(value: string | null | undefined): string[] {
  if (!value) return [];
  // Apostrophes join ("o'brien" -> "obrien"); hyphens and spaces separate.
  const joined = value.replace(/['’`]/g, '');
  const norm = normaliseText(joined);
  return norm ? norm.split(' ') : [];
}

/** A name as one comparable string (tokens joined without spaces, so "mc donald" = "mcdonald"). */
export function compactName(value: string | null | undefined): string {
  return nameTokens(value).join('');
}

export function normaliseEmail(value: string | null | undefined): string {
  if (!value) return '';
  const v = value.trim().toLowerCase();
  const at = v.lastIndexOf('@');
  if (at <= 0 || at === v.length - 1) return '';
  // A "+tag" names the same mailbox.
  const local = v.slice(0, at).replace(/\+.*$/, '');
  return `${local}@${v.slice(at + 1)}`;
}

const PLAIN = /^\+?[\d\s().-]+$/;
const NANP = /^[2-9]\d{2}[2-9]\d{6}$/;

/**
 * A phone number in E.164 when it can be read (libphonenumber-js), else its bare digits, so a
 * number without a country code is still comparable by its last digits.
 */
export function normalisePhone(value: string | null | undefined, defaultCountry: CountryCode = 'US'): string {
  if (!value) return '';
  const trimmed = value.trim();
  if (!/\d/.test(trimmed)) return '';
  // North American numbers written plainly are the common case: read them without the full parser.
  if (defaultCountry === 'US' && PLAIN.test(trimmed)) {
    const digits = trimmed.replace(/\D+/g, '');
    const national = trimmed.startsWith('+')
      ? digits.length === 11 && digits[0] === '1'
        ? digits.slice(1)
        : ''
      : digits.length === 10
        ? digits
        : '';
    if (national && NANP.test(national)) return `+1${national}`;
  }
  const parsed = parsePhoneNumberFromString(trimmed, defaultCountry);
  if (parsed?.isPossible()) return parsed.number;
  const digits = trimmed.replace(/\D+/g, '');
  return digits.length >= 5 ? digits : '';
}

/** The last seven digits: the subscriber part that survives a missing or different country code. */
export const phoneTail = (e164: string): string => e164.replace(/\D+/g, '').slice(-7);
