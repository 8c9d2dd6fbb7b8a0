/**
 * Model parameters and their estimation: u (chance agreement) from random pairs, m (agreement among
 * true matches) by expectation–maximisation over the candidate pairs' comparison patterns, and term
 * frequencies so that a rare value agreeing counts more than a common one.
 */
import { COMPARISON_COUNT, COMPARISONS, compareInto } from './comparisons';
import type { Prepared } from './record';
import { mulberry32 } from './random';

export interface ModelParams {
  /** m[c][level] and u[c][level] for levels 0..k of comparison c (no entry for "missing"). */
  m: number[][];
  u: number[][];
  /** Share of candidate pairs that are matches, as the EM estimated it. */
  lambda: number;
  /** Term frequencies of values for the comparisons that use them: value -> share of records. */
  tf: Record<string, Record<string, number>>;
  /** The share assumed for a value not in `tf` (rarer than anything counted). */
  tfFloor: Record<string, number>;
  records: number;
}

const levelsOf = (c: number): number => COMPARISONS[c]!.levels.length;

/** Starting m: strong levels likely among matches, "different" unlikely. */
export function defaultM(): number[][] {
  return COMPARISONS.map((cmp) => {
    const k = cmp.levels.length;
    const raw = cmp.levels.map((_, l) => (l === 0 ? 0.05 : l === 1 ? 0.7 : 0.25 / (k - 2 || 1)));
    const sum = raw.reduce((s, v) => s + v, 0);
    return raw.map((v) => v / sum);
  });
}

/** Starting u, used until data says otherwise: agreement by chance is rare, weaker levels less so. */
export function defaultU(): number[][] {
  return COMPARISONS.map((cmp) => {
    const raw = cmp.levels.map((_, l) => (l === 0 ? 0.9 : 0.01 * l));
    const sum = raw.reduce((s, v) => s + v, 0);
    return raw.map((v) => v / sum);
  });
}

/** u from comparisons of random pairs (which are nearly all non-matches). */
export function estimateU(
  records: readonly Prepared[],
  options: { samplePairs: number; seed: number },
): number[][] {
  const counts = COMPARISONS.map((c) => new Float64Array(c.levels.length));
  const n = records.length;
  const levels = new Int8Array(COMPARISON_COUNT);
  const rand = mulberry32(options.seed);
  const all = (n * (n - 1)) / 2;
  const visit = (i: number, j: number): void => {
    const a = records[i]!;
    const b = records[j]!;
    if (a.empty || b.empty) return;
    compareInto(a, b, levels, 0);
    for (let c = 0; c < COMPARISON_COUNT; c++) {
      const l = levels[c]!;
      if (l >= 0) counts[c]![l]!++;
    }
  };
  if (all <= options.samplePairs) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) visit(i, j);
  } else {
    for (let s = 0; s < options.samplePairs; s++) {
      const i = Math.floor(rand() * n);
      let j = Math.floor(rand() * (n - 1));
      if (j >= i) j++;
      visit(i, j);
    }
  }
  const fallback = defaultU();
  return counts.map((row, c) => {
    const total = row.reduce((s, v) => s + v, 0);
    if (total < 50) return fallback[c]!;
    // Add-half smoothing: a level never seen by chance is rare, not impossible.
    return Array.from(row, (v) => (v + 0.5) / (total + 0.5 * row.length));
  });
}

/** Term frequencies per comparison; values seen once are left out (the floor covers them). */
export function termFrequencies(records: readonly Prepared[]): Pick<ModelParams, 'tf' | 'tfFloor'> {
  const tf: Record<string, Record<string, number>> = {};
  const tfFloor: Record<string, number> = {};
  for (const cmp of COMPARISONS) {
    if (!cmp.tfValue) continue;
    const counts = new Map<string, number>();
    let total = 0;
    for (const p of records) {
      const v = cmp.tfValue(p);
      if (!v) continue;
      total++;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const table: Record<string, number> = {};
    for (const [v, c] of counts) if (c > 1) table[v] = c / total;
    tf[cmp.id] = table;
    tfFloor[cmp.id] = total > 0 ? 1 / total : 1;
  }
  return { tf, tfFloor };
}

export interface EmResult {
  m: number[][];
  /** u among candidate pairs (blocking makes chance agreement there more common than overall). */
  uCandidates: number[][];
  lambda: number;
  iterations: number;
  converged: boolean;
  /** Log-likelihood after each iteration (it never decreases). */
  logLikelihood: number[];
}

/**
 * EM over the candidate pairs: each comparison pattern (with how many pairs show it) is split into
 * its share of matches and non-matches, m and u are re-estimated from those shares, and again until
 * they stop moving. The u found here describes candidates only (blocking favours agreement); the
 * model scores with u from random pairs and keeps this m.
 */
export function estimateM(
  patterns: ReadonlyArray<{ levels: Int8Array; count: number }>,
  startU: number[][],
  options: { maxIterations: number; tolerance: number; startM?: number[][]; startLambda?: number },
): EmResult {
  let m = (options.startM ?? defaultM()).map((row) => [...row]);
  let u = startU.map((row) => [...row]);
  let lambda = options.startLambda ?? 0.3;
  const logLikelihood: number[] = [];
  let converged = false;
  let it = 0;
  for (; it < options.maxIterations; it++) {
    const mCounts = m.map((row) => new Float64Array(row.length));
    const uCounts = m.map((row) => new Float64Array(row.length));
    let matchTotal = 0;
    let total = 0;
    let ll = 0;
    for (const { levels, count } of patterns) {
      let pm = lambda;
      let pu = 1 - lambda;
      for (let c = 0; c < COMPARISON_COUNT; c++) {
        const l = levels[c]!;
        if (l < 0) continue;
        pm *= m[c]![l]!;
        pu *= u[c]![l]!;
      }
      const post = pm / (pm + pu);
      ll += count * Math.log(pm + pu);
      matchTotal += post * count;
      total += count;
      for (let c = 0; c < COMPARISON_COUNT; c++) {
        const l = levels[c]!;
        if (l < 0) continue;
        mCounts[c]![l]! += post * count;
        uCounts[c]![l]! += (1 - post) * count;
      }
    }
    logLikelihood.push(ll);
    const normalise = (counts: Float64Array[], previous: number[][]): number[][] =>
      counts.map((row, c) => {
        const sum = row.reduce((s, v) => s + v, 0);
        if (sum < 1e-9) return previous[c]!;
        // A tiny floor keeps every level possible.
        return Array.from(row, (v) => (v + 1e-3) / (sum + 1e-3 * levelsOf(c)));
      });
    const next = normalise(mCounts, m);
    u = normalise(uCounts, u);
    const nextLambda = total > 0 ? matchTotal / total : lambda;
    let delta = Math.abs(nextLambda - lambda);
    next.forEach((row, c) => row.forEach((v, l) => (delta = Math.max(delta, Math.abs(v - m[c]![l]!)))));
    m = next;
    lambda = Math.min(Math.max(nextLambda, 1e-6), 1 - 1e-6);
    if (delta < options.tolerance) {
      converged = true;
      it++;
      break;
    }
  }
  return { m, uCandidates: u, lambda, iterations: it, converged, logLikelihood };
}

/** Groups pairs by their comparison pattern, so EM runs over a few hundred patterns, not millions of pairs. */
export function patternsOf(
  levels: Int8Array,
  pairCount: number,
): Array<{ levels: Int8Array; count: number }> {
  // Each level + 1 fits in three bits; eleven comparisons fit in a double exactly.
  const map = new Map<number, { levels: Int8Array; count: number }>();
  for (let p = 0; p < pairCount; p++) {
    const base = p * COMPARISON_COUNT;
    let key = 0;
    for (let c = 0; c < COMPARISON_COUNT; c++) key = key * 8 + (levels[base + c]! + 1);
    const entry = map.get(key);
    if (entry) entry.count++;
    else map.set(key, { levels: levels.slice(base, base + COMPARISON_COUNT), count: 1 });
  }
  return [...map.values()];
}
