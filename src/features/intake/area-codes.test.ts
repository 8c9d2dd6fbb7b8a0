import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePhoneNumberFromString as parseMin } from 'libphonenumber-js';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { expect, it } from 'vitest';
import { referenceDir } from '../../platform/paths';
import { normalisePhone, stateForPhone } from './area-codes';

const table = new Map(
  readFileSync(path.join(referenceDir, 'nanp_area_codes_us.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',') as [string, string]),
);

/** The country libphonenumber-js gives numbers in this area code (undefined when it knows none). */
function countryOf(areaCode: string): string | undefined {
  for (let exchange = 200; exchange < 1000; exchange += 1) {
    const n = parsePhoneNumberFromString(`+1${areaCode}${exchange}1234`);
    if (n?.isValid()) return n.country;
  }
  return undefined;
}

const TERRITORIES = new Set(['PR', 'VI', 'GU', 'MP', 'AS']);
// Not a place: toll-free (8XX), premium (900) and personal communications (5XX) codes.
const NON_GEOGRAPHIC = /^(5(00|2\d|3[23]|44|66|77|88)|8(00|33|44|55|66|77|88)|900)$/;
// Overlays opened after the libphonenumber-js metadata this project ships was made (checked by hand
// against the state commissions' announcements; see reference/README.md).
const NEWER_THAN_METADATA = new Set(['436', '624', '679', '837', '861', '924']);

it('has every US and territory area code libphonenumber-js knows, and none of another country', () => {
  const known = new Map<string, string>();
  for (let code = 200; code < 1000; code += 1) {
    const country = countryOf(String(code));
    if (country) known.set(String(code), country);
  }
  const usCodes = [...known]
    .filter(([code, c]) => (c === 'US' || TERRITORIES.has(c)) && !NON_GEOGRAPHIC.test(code))
    .map(([code]) => code);
  expect(usCodes.filter((code) => !table.has(code))).toEqual([]);
  for (const [code, state] of table) {
    const country = known.get(code);
    if (NEWER_THAN_METADATA.has(code)) continue;
    // Territories have their own country code in libphonenumber; states are 'US'.
    expect(`${code} ${country}`).toBe(`${code} ${TERRITORIES.has(state) ? state : 'US'}`);
  }
});

it('infers the state from a number and reads nothing from a number outside the table', () => {
  expect(stateForPhone('+12015550100')).toBe('NJ');
  expect(stateForPhone('+17485550100')).toBe('CO');
  expect(stateForPhone('+14165550100')).toBeNull(); // Toronto
  expect(stateForPhone('+18005550100')).toBeNull();
});

it('reads a number already in E.164 as the full parser reads it', () => {
  const parser = (s: string): string | null => {
    const p = parseMin(s.trim(), 'US');
    return p?.isPossible() ? p.number : null;
  };
  const numbers = ['+16015550100', '+10005550100', '+19999999999', '+1601555010', '+160155501000'];
  // The same 2,000 numbers every run (a fixed-seed generator), so a failure can be reproduced.
  let seed = 20_261_122;
  const five = (): string => String((seed = (seed * 48_271) % 2_147_483_647) % 100_000).padStart(5, '0');
  for (let i = 0; i < 2000; i++) numbers.push(`+1${five()}${five()}`);
  for (const n of [...numbers, '(601) 555-0100', '+44 20 7946 0958', '601-555-0100 x2'])
    expect(`${n} ${normalisePhone(n)}`).toBe(`${n} ${parser(n)}`);
});
