/**
 * The comparisons of the Fellegi–Sunter model: for each field, ordered levels of agreement.
 * Level 0 is "disagrees", 1 the strongest agreement, larger numbers weaker agreement; -1 means a
 * value is missing on either side and the field adds no evidence either way.
 */
import { compareBirth } from './dates';
import { areNicknames } from './nicknames';
import type { Prepared } from './record';
import { jaroWinkler, tokenJaccard, withinOneEdit } from './similarity';

export interface Comparison {
  id: string;
  label: string;
  /** Level names for explanations; index = level. */
  levels: readonly string[];
  /** The value whose rarity adjusts the exact-match weight (term frequency), if any. */
  tfValue?: (p: Prepared) => string;
}

export const COMPARISONS: readonly Comparison[] = [
  {
    id: 'given',
    label: 'Given name',
    levels: [
      'different',
      'same',
      'nickname or alias',
      'small spelling difference',
      'sounds alike',
      'similar',
    ],
    tfValue: (p) => p.given,
  },
  {
    id: 'family',
    label: 'Family name',
    levels: ['different', 'same', 'small spelling difference', 'sounds alike or shares a part', 'similar'],
    tfValue: (p) => p.family,
  },
  {
    id: 'birth',
    label: 'Date of birth or age',
    levels: [
      'different',
      'same',
      'one digit or day/month swapped',
      'within a month',
      'within a year or age fits',
      'two digits different',
    ],
    tfValue: (p) => p.birth?.digits ?? '',
  },
  {
    id: 'phone',
    label: 'Phone',
    levels: ['different', 'same number', 'same last 7 digits', 'one digit different'],
  },
  {
    id: 'email',
    label: 'Email',
    levels: ['different', 'same address', 'same mailbox name', 'one character different'],
  },
  { id: 'street', label: 'Street address', levels: ['different', 'same', 'very similar', 'similar'] },
  { id: 'city', label: 'Town or city', levels: ['different', 'same', 'similar'], tfValue: (p) => p.city },
  {
    id: 'postcode',
    label: 'Postcode',
    levels: ['different', 'same', 'one digit different'],
    tfValue: (p) => p.postcode,
  },
  { id: 'state', label: 'State', levels: ['different', 'same'] },
  { id: 'idNumber', label: 'Identifying number', levels: ['different', 'same', 'one character different'] },
  {
    id: 'org',
    label: 'Business name',
    levels: ['different', 'same', 'very similar', 'shares words'],
    tfValue: (p) => p.org,
  },
];

export const COMPARISON_COUNT = COMPARISONS.length;
export const GIVEN = 0;
export const FAMILY = 1;

function givenLevel(
  a: string,
  aPh: string,
  b: string,
  bPh: string,
  aAlt: readonly string[],
  bAlt: readonly string[],
): number {
  if (!a || !b) return -1;
  if (a === b) return 1;
  if (areNicknames(a, b) || aAlt.includes(b) || bAlt.includes(a)) return 2;
  if (withinOneEdit(a, b)) return 3;
  const jw = jaroWinkler(a, b);
  if (jw >= 0.92) return 3;
  if (aPh !== '' && aPh === bPh) return 4;
  if (jw >= 0.8) return 5;
  return 0;
}

function familyLevel(
  a: string,
  aPh: string,
  b: string,
  bPh: string,
  aTokens: readonly string[],
  bTokens: readonly string[],
): number {
  if (!a || !b) return -1;
  if (a === b) return 1;
  if (withinOneEdit(a, b)) return 2;
  const jw = jaroWinkler(a, b);
  if (jw >= 0.92) return 2;
  if (aPh !== '' && aPh === bPh) return 3;
  // Double family names recorded in part ("garcia lopez" and "garcia").
  if ((aTokens.length > 1 || bTokens.length > 1) && tokenJaccard(aTokens, bTokens) > 0) return 3;
  if (jw >= 0.8) return 4;
  return 0;
}

const NO_ALT: readonly string[] = [];

/** Given and family levels packed as given * 16 + family (each + 1, so that -1 fits). */
function nameLevels(a: Prepared, b: Prepared, swapped: boolean): number {
  const g = swapped
    ? givenLevel(a.given, a.givenPh, b.family, b.familyPh, a.givenAlt, NO_ALT)
    : givenLevel(a.given, a.givenPh, b.given, b.givenPh, a.givenAlt, b.givenAlt);
  const f = swapped
    ? familyLevel(a.family, a.familyPh, b.given, b.givenPh, a.familyTokens, [b.given])
    : familyLevel(a.family, a.familyPh, b.family, b.familyPh, a.familyTokens, b.familyTokens);
  return (g + 1) * 16 + (f + 1);
}

/** Ranks a level for choosing the name orientation: missing and different rank worst. */
const rank = (level: number): number => (level <= 0 ? 9 : level);

function phoneLevel(a: Prepared, b: Prepared): number {
  if (!a.phones.length || !b.phones.length) return -1;
  let best = 0;
  for (let i = 0; i < a.phones.length; i++) {
    for (let j = 0; j < b.phones.length; j++) {
      if (a.phones[i] === b.phones[j]) return 1;
      if (a.phoneTails[i] === b.phoneTails[j] && a.phoneTails[i]!.length >= 7) best = 2;
      else if (best === 0 && a.phones[i]!.length === b.phones[j]!.length) {
        if (withinOneEdit(a.phones[i]!, b.phones[j]!)) best = 3;
      }
    }
  }
  return best;
}

function emailLevel(a: Prepared, b: Prepared): number {
  if (!a.emails.length || !b.emails.length) return -1;
  let best = 0;
  for (let i = 0; i < a.emails.length; i++) {
    for (let j = 0; j < b.emails.length; j++) {
      if (a.emails[i] === b.emails[j]) return 1;
      const la = a.emailLocals[i]!;
      const lb = b.emailLocals[j]!;
      // Only a one-character slip counts: mailbox names are often built from the person's name, so
      // "similar" ones (ana.lopez1, ana.lopez7) would count the name a second time.
      if (la === lb) best = 2;
      else if (best === 0 && withinOneEdit(a.emails[i]!, b.emails[j]!)) best = 3;
    }
  }
  return best;
}

function textLevel(a: string, b: string, strong: number, weak: number): number {
  if (!a || !b) return -1;
  if (a === b) return 1;
  const jw = jaroWinkler(a, b);
  if (jw >= strong) return 2;
  if (weak > 0 && jw >= weak) return 3;
  return 0;
}

function editLevel(a: string, b: string): number {
  if (!a || !b) return -1;
  if (a === b) return 1;
  return withinOneEdit(a, b) ? 2 : 0;
}

function orgLevel(a: Prepared, b: Prepared): number {
  if (!a.org || !b.org) return -1;
  if (a.org === b.org) return 1;
  const jac = tokenJaccard(a.orgTokens, b.orgTokens);
  const jw = jaroWinkler(a.org, b.org);
  if (jw >= 0.92 || jac >= 0.6) return 2;
  if (jac >= 0.34 || jw >= 0.8) return 3;
  return 0;
}

/**
 * Fills `out[offset .. offset + COMPARISON_COUNT)` with the levels for one pair. Returns true when
 * given and family names matched better crossed over (a swapped name).
 */
export function compareInto(a: Prepared, b: Prepared, out: Int8Array, offset: number): boolean {
  const straight = nameLevels(a, b, false);
  let g = (straight >> 4) - 1;
  let f = (straight & 15) - 1;
  let swapped = false;
  // Also when a name is missing on one side: a given name recorded as the family name, alone.
  if ((rank(g) > 1 || rank(f) > 1) && ((a.given && b.family) || (a.family && b.given))) {
    const crossed = nameLevels(a, b, true);
    const gs = (crossed >> 4) - 1;
    const fs = (crossed & 15) - 1;
    if (rank(gs) + rank(fs) < rank(g) + rank(f)) {
      g = gs;
      f = fs;
      swapped = true;
    }
  }
  out[offset + 0] = g;
  out[offset + 1] = f;
  out[offset + 2] = compareBirth(a.birth, b.birth);
  out[offset + 3] = phoneLevel(a, b);
  out[offset + 4] = emailLevel(a, b);
  out[offset + 5] = textLevel(a.street, b.street, 0.9, 0.75);
  out[offset + 6] = textLevel(a.city, b.city, 0.88, 0);
  out[offset + 7] = editLevel(a.postcode, b.postcode);
  out[offset + 8] = !a.state || !b.state ? -1 : a.state === b.state ? 1 : 0;
  out[offset + 9] = editLevel(a.idNumber, b.idNumber);
  out[offset + 10] = orgLevel(a, b);
  return swapped;
}

export function compare(a: Prepared, b: Prepared): { levels: Int8Array; swapped: boolean } {
  const levels = new Int8Array(COMPARISON_COUNT);
  const swapped = compareInto(a, b, levels, 0);
  return { levels, swapped };
}
