import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { referenceDir } from '../../platform/paths';

/** reference/nanp_area_codes_us.csv: area code -> the US state or territory it is assigned to. */
let table: Map<string, string> | undefined;

function load(): Map<string, string> {
  const text = readFileSync(path.join(referenceDir, 'nanp_area_codes_us.csv'), 'utf8');
  const map = new Map<string, string>();
  for (const line of text.split('\n').slice(1)) {
    const [code, state] = line.trim().split(',');
    if (code && state) map.set(code, state);
  }
  return map;
}

/** +1 and ten digits: a North American number already in E.164, as Twilio sends every number. */
const NANP_E164 = /^\+1\d{10}$/;

/** A phone number in E.164 (+15555550100), or null when it cannot be read as one. */
export function normalisePhone(input: string | null | undefined): string | null {
  if (!input) return null;
  // What the parser would answer, without its cost (tens of microseconds a number).
  if (NANP_E164.test(input)) return input;
  const parsed = parsePhoneNumberFromString(input.trim(), 'US');
  return parsed?.isPossible() ? parsed.number : null;
}

/**
 * The state a North American number's area code belongs to. Only a guess: people keep their
 * number when they move, so a signal marks the state as inferred.
 */
export function stateForPhone(e164: string | null): string | null {
  if (!e164?.startsWith('+1') || e164.length !== 12) return null;
  table ??= load();
  return table.get(e164.slice(2, 5)) ?? null;
}
