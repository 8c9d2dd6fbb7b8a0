/**
 * Blocking: only records that share a key under at least one rule become candidate pairs. A pair is
 * produced once, by the first rule that finds it. Blocks larger than `maxBlockSize` are skipped (a
 * key shared by thousands, such as a placeholder date, says nothing) and reported.
 */
import type { Prepared } from './record';

export interface BlockingRule {
  name: string;
  /** At most `width` keys per record; '' or none means the record is not blocked by this rule. */
  keys: (p: Prepared) => string[];
  width: number;
}

const year = (p: Prepared): string => (p.birth ? String(p.birth.year) : '');
const digits = (p: Prepared): string => p.birth?.digits ?? '';
const both = (a: string, b: string): string[] => (a && b ? [`${a}|${b}`] : []);

export const DEFAULT_RULES: readonly BlockingRule[] = [
  {
    // Names that sound alike, in either order (swapped given and family names).
    name: 'names sound alike',
    width: 1,
    keys: (p) => {
      if (!p.givenPh && !p.familyPh) return [];
      const pair = [p.givenPh, p.familyPh].sort();
      return [pair.join('|')];
    },
  },
  { name: 'birth date and given initial', width: 1, keys: (p) => both(digits(p), p.given.slice(0, 1)) },
  { name: 'birth date and family initial', width: 1, keys: (p) => both(digits(p), p.family.slice(0, 1)) },
  { name: 'phone', width: 3, keys: (p) => p.phones.slice(0, 3) },
  { name: 'email', width: 3, keys: (p) => p.emails.slice(0, 3) },
  { name: 'identifying number', width: 1, keys: (p) => (p.idNumber ? [p.idNumber] : []) },
  { name: 'family name sound and birth year', width: 1, keys: (p) => both(p.familyPh, year(p)) },
  { name: 'given name sound and birth year', width: 1, keys: (p) => both(p.givenPh, year(p)) },
  {
    name: 'family name sound and given initial',
    width: 1,
    keys: (p) => both(p.familyPh, p.given.slice(0, 1)),
  },
  {
    name: 'email mailbox name',
    width: 3,
    keys: (p) => p.emailLocals.filter((l) => l.length >= 4).slice(0, 3),
  },
  { name: 'birth date and town', width: 1, keys: (p) => both(digits(p), p.city.slice(0, 2)) },
  { name: 'postcode and street', width: 1, keys: (p) => both(p.postcode, p.street.slice(0, 4)) },
  { name: 'business name', width: 1, keys: (p) => (p.org ? [p.org] : []) },
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
  skippedBlocks: number;
}

/** Candidate pairs (left < right, indices into `records`). */
export function candidatePairs(
  records: readonly Prepared[],
  rules: readonly BlockingRule[],
  options: { maxBlockSize: number },
): CandidatePairs {
  const keys = ruleKeys(records, rules);
  let left = new Uint32Array(1 << 16);
  let right = new Uint32Array(1 << 16);
  let count = 0;
  const perRule: number[] = [];
  let skippedBlocks = 0;
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
    for (const block of blocks.values()) {
      if (block.length < 2) continue;
      if (block.length > options.maxBlockSize) {
        skippedBlocks++;
        continue;
      }
      for (let x = 0; x < block.length; x++) {
        for (let y = x + 1; y < block.length; y++) {
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
  return { left: left.subarray(0, count), right: right.subarray(0, count), count, perRule, skippedBlocks };
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
