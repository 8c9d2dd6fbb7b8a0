/** Phones and emails in one form, so that search can match them exactly. */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** E.164 ("+16015550123"), reading national numbers as US ones; null when it is not a phone number. */
export function normalisePhone(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), 'US');
  return parsed?.isPossible() ? parsed.number : null;
}

export const normaliseEmail = (input: string): string => input.trim().toLowerCase();

export const looksLikeEmail = (input: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.trim());

/** Names and aliases in one lower-cased string for trigram search. */
export function searchNames(fullName: string | null | undefined, aliases: readonly string[]): string {
  return [fullName ?? '', ...aliases].join(' ').replace(/\s+/g, ' ').trim().toLowerCase();
}
