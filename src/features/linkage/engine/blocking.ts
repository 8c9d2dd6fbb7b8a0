/**
 * Blocking: only records that share a key under at least one rule become candidate pairs. A pair is
 * produced once, by the first rule that finds it. A block larger than `maxBlockSize` (a common name
 * in a million records) is not compared all with all: its records are sorted by the rule's `order`
 * and each is compared with its next `window` neighbours (sorted neighbourhood), which bounds the
 * work while keeping the likeliest pairs.
 */
import type { Prepared } from './record';

export interface BlockingRule {
  name: string;
  /** At most `width` keys per record; '' or none means the record is not blocked by this rule. */
  keys: (p: Prepared) => string[];
  width: number;
  /** How to sort an oversized block: by what the key leaves open. */
  order: (p: Prepared) => string;
  /**
   * false for a loose rule that reaches pairs the others miss but finds mostly non-matches: its
   * pairs are scored, but the model is estimated without them, so that they cannot shift it.
   * Such rules come after all the others.
   */
  train?: boolean;
}

const year = (p: Prepared): string => (p.birth ? String(p.birth.year) : '');
const digits = (p: Prepared): string => p.birth?.digits ?? '';
const both = (a: string, b: string): string[] => (a && b ? [`${a}|${b}`] : []);
const byBirth = (p: Prepared): string => `${digits(p) || year(p)}|${p.given}|${p.family}`;
const byName = (p: Prepared): string => `${p.family}|${p.given}|${digits(p)}`;
const byGiven = (p: Prepared): string => `${p.given}|${p.family}|${digits(p)}`;

export const DEFAULT_RULES: readonly BlockingRule[] = [
  {
    // Names that sound alike, in either order (swapped given and family names).
    name: 'names sound alike',
    width: 1,
    order: byBirth,
    keys: (p) => (p.givenPh || p.familyPh ? [[p.givenPh, p.familyPh].sort().join('|')] : []),
  },
  {
    name: 'birth date and given initial',
    width: 1,
    order: byName,
    keys: (p) => both(digits(p), p.given.slice(0, 1)),
  },
  {
    name: 'birth date and family initial',
    width: 1,
    order: byGiven,
    keys: (p) => both(digits(p), p.family.slice(0, 1)),
  },
  { name: 'phone', width: 3, order: byName, keys: (p) => p.phones.slice(0, 3) },
  { name: 'email', width: 3, order: byName, keys: (p) => p.emails.slice(0, 3) },
  { name: 'identifying number', width: 1, order: byName, keys: (p) => (p.idNumber ? [p.idNumber] : []) },
  {
    name: 'family name sound and birth year',
    width: 1,
    order: byGiven,
    keys: (p) => both(p.familyPh, year(p)),
  },
  { name: 'given name sound and birth year', width: 1, order: byName, keys: (p) => both(p.givenPh, year(p)) },
  {
    name: 'family name sound and given initial',
    width: 1,
    order: byBirth,
    keys: (p) => both(p.familyPh, p.given.slice(0, 1)),
  },
  {
    name: 'email mailbox name',
    width: 3,
    order: byName,
    keys: (p) => p.emailLocals.filter((l) => l.length >= 4).slice(0, 3),
  },
  { name: 'birth date and town', width: 1, order: byName, keys: (p) => both(digits(p), p.city.slice(0, 2)) },
  {
    name: 'postcode and street',
    width: 1,
    order: byName,
    keys: (p) => both(p.postcode, p.street.slice(0, 4)),
  },
  { name: 'business name', width: 1, order: byName, keys: (p) => (p.org ? [p.org] : []) },
  {
    // The mirror of "family name sound and given initial": reaches a family name misspelt past its
    // sound (a letter lost or doubled) when the birth date disagrees too.
    name: 'given name sound and family initial',
    width: 1,
    order: byBirth,
    train: false,
    keys: (p) => both(p.givenPh, p.family.slice(0, 1)),
  },
];

/** FNV-1a, never 0 (0 marks "no key"). */
export function hashKey(rule: number, key: string): number {
  let h = 0x811c9dc5 ^ rule;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h === 0 ? 1 : h;
}

export interface RuleKeys {
  width: number;
  hashes: Int32Array;
}

/** Keys of every record under each rule; `ruleIndex` numbers the rules when they are a subset of a list. */
export function ruleKeys(
  records: readonly Prepared[],
  rules: readonly BlockingRule[],
  ruleIndex: readonly number[] = rules.map((_, r) => r),
): RuleKeys[] {
  return rules.map((rule, k) => {
    const r = ruleIndex[k]!;
    const hashes = new Int32Array(records.length * rule.width);
    records.forEach((p, i) => {
      if (p.empty) return;
      const keys = rule.keys(p);
      for (let k = 0; k < keys.length && k < rule.width; k++) {
        if (keys[k]) hashes[i * rule.width + k] = hashKey(r, keys[k]!);
      }
    });
    return { width: rule.width, hashes };
  });
}

function shareKey(rk: RuleKeys, i: number, j: number): boolean {
  const w = rk.width;
  const h = rk.hashes;
  for (let a = 0; a < w; a++) {
    const x = h[i * w + a]!;
    if (x === 0) continue;
    for (let b = 0; b < w; b++) if (h[j * w + b] === x) return true;
  }
  return false;
}

export interface CandidatePairs {
  left: Uint32Array;
  right: Uint32Array;
  count: number;
  /** Pairs found per rule (each pair counted for the first rule only). */
  perRule: number[];
  /** Blocks searched by sorted neighbourhood because they were too large to compare all with all. */
  windowedBlocks: number;
}

/**
 * Groups records by key hash: the (hash, record) entries sorted so that each block is one run.
 * Sorting one typed array keeps a million records' blocks out of the garbage collector.
 */
function sortedEntries(rk: RuleKeys, n: number): { hash: Int32Array; record: Uint32Array } {
  let count = 0;
  for (let x = 0; x < rk.hashes.length; x++) if (rk.hashes[x] !== 0) count++;
  const hash = new Int32Array(count);
  const record = new Uint32Array(count);
  if (n < 2 ** 21) {
    // hash (32 bits) and record (21 bits) packed into one double sort exactly.
    const packed = new Float64Array(count);
    let e = 0;
    for (let x = 0; x < rk.hashes.length; x++) {
      const h = rk.hashes[x]!;
      if (h !== 0) packed[e++] = (h >>> 0) * 2 ** 21 + Math.floor(x / rk.width);
    }
    packed.sort();
    for (let k = 0; k < count; k++) {
      const v = packed[k]!;
      record[k] = v % 2 ** 21;
      hash[k] = Math.floor(v / 2 ** 21) | 0;
    }
    return { hash, record };
  }
  const order = new Uint32Array(count);
  let e = 0;
  for (let x = 0; x < rk.hashes.length; x++) if (rk.hashes[x] !== 0) order[e++] = x;
  order.sort((a, b) => (rk.hashes[a]! >>> 0) - (rk.hashes[b]! >>> 0) || a - b);
  for (let k = 0; k < count; k++) {
    hash[k] = rk.hashes[order[k]!]!;
    record[k] = Math.floor(order[k]! / rk.width);
  }
  return { hash, record };
}

/**
 * How many of the candidate pairs (found in rule order) come from the rules that train the model:
 * those before the first rule marked `train: false`.
 */
export function trainingPairs(rules: readonly BlockingRule[], perRule: readonly number[]): number {
  let count = 0;
  for (let r = 0; r < rules.length && rules[r]!.train !== false; r++) count += perRule[r] ?? 0;
  return count;
}

/** Candidate pairs (left < right, indices into `records`). */
export function candidatePairs(
  records: readonly Prepared[],
  rules: readonly BlockingRule[],
  options: { maxBlockSize: number; window: number },
  precomputed?: readonly RuleKeys[],
): CandidatePairs {
  const keys = precomputed ?? ruleKeys(records, rules);
  let left = new Uint32Array(1 << 16);
  let right = new Uint32Array(1 << 16);
  let count = 0;
  const perRule: number[] = [];
  let windowedBlocks = 0;
  const push = (i: number, j: number): void => {
    if (count === left.length) {
      const l = new Uint32Array(left.length * 2);
      l.set(left);
      left = l;
      const r = new Uint32Array(right.length * 2);
      r.set(right);
      right = r;
    }
    left[count] = i;
    right[count] = j;
    count++;
  };
  keys.forEach((rk, r) => {
    const before = count;
    const rule = rules[r]!;
    const { hash, record } = sortedEntries(rk, records.length);
    let start = 0;
    while (start < hash.length) {
      let end = start + 1;
      while (end < hash.length && hash[end] === hash[start]) end++;
      const blockHash = hash[start]!;
      // A record listed twice under one key (two equal mailbox names) counts once.
      const block: number[] = [];
      for (let k = start; k < end; k++) if (block[block.length - 1] !== record[k]) block.push(record[k]!);
      start = end;
      if (block.length < 2) continue;
      let reach = block.length;
      if (block.length > options.maxBlockSize) {
        windowedBlocks++;
        const order = new Map(block.map((i) => [i, rule.order(records[i]!)]));
        block.sort((a, b) => {
          const oa = order.get(a)!;
          const ob = order.get(b)!;
          return oa < ob ? -1 : oa > ob ? 1 : a - b;
        });
        reach = options.window;
      }
      for (let x = 0; x < block.length; x++) {
        const stop = Math.min(block.length, x + 1 + reach);
        for (let y = x + 1; y < stop; y++) {
          const i = block[x]!;
          const j = block[y]!;
          let seen = false;
          for (let e = 0; e < r && !seen; e++) seen = shareKey(keys[e]!, i, j);
          // A record with several phones can meet the same partner in two blocks of one rule.
          if (!seen && rk.width > 1) seen = firstSharedKey(rk, i, j) !== blockHash;
          if (!seen) push(i < j ? i : j, i < j ? j : i);
        }
      }
    }
    perRule.push(count - before);
  });
  return { left: left.subarray(0, count), right: right.subarray(0, count), count, perRule, windowedBlocks };
}

/** For multi-key rules: the first of i's keys that j shares (the block where the pair is produced). */
function firstSharedKey(rk: RuleKeys, i: number, j: number): number {
  const w = rk.width;
  for (let a = 0; a < w; a++) {
    const x = rk.hashes[i * w + a]!;
    if (x === 0) continue;
    for (let b = 0; b < w; b++) if (rk.hashes[j * w + b] === x) return x;
  }
  return 0;
}
