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

export function ruleKeys(records: readonly Prepared[], rules: readonly BlockingRule[]): RuleKeys[] {
  return rules.map((rule, r) => {
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

/** Candidate pairs (left < right, indices into `records`). */
export function candidatePairs(
  records: readonly Prepared[],
  rules: readonly BlockingRule[],
  options: { maxBlockSize: number; window: number },
): CandidatePairs {
  const keys = ruleKeys(records, rules);
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
    const blocks = new Map<number, number[]>();
    for (let i = 0; i < records.length; i++) {
      for (let k = 0; k < rk.width; k++) {
        const h = rk.hashes[i * rk.width + k]!;
        if (h === 0) continue;
        const block = blocks.get(h);
        if (block) {
          if (block[block.length - 1] !== i) block.push(i);
        } else blocks.set(h, [i]);
      }
    }
    const rule = rules[r]!;
    for (const block of blocks.values()) {
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
        const end = Math.min(block.length, x + 1 + reach);
        for (let y = x + 1; y < end; y++) {
          const i = block[x]!;
          const j = block[y]!;
          let seen = false;
          for (let e = 0; e < r && !seen; e++) seen = shareKey(keys[e]!, i, j);
          // A record with several phones can meet the same partner twice in one rule.
          if (!seen && rk.width > 1) seen = sharedEarlierKey(rk, i, j, blocks, block);
          if (!seen) push(i < j ? i : j, i < j ? j : i);
        }
      }
    }
    perRule.push(count - before);
  });
  return { left: left.subarray(0, count), right: right.subarray(0, count), count, perRule, windowedBlocks };
}

/** For multi-key rules: whether this pair also shares a key whose block is visited before `block`. */
function sharedEarlierKey(
  rk: RuleKeys,
  i: number,
  j: number,
  blocks: Map<number, number[]>,
  block: number[],
): boolean {
  const w = rk.width;
  for (let a = 0; a < w; a++) {
    const x = rk.hashes[i * w + a]!;
    if (x === 0) continue;
    const other = blocks.get(x);
    if (other === block) return false;
    for (let b = 0; b < w; b++) if (rk.hashes[j * w + b] === x) return true;
  }
  return false;
}
