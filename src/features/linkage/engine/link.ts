/**
 * Batch linkage of a list of records: prepare, block, compare, estimate the model, score, cluster.
 * Pure: it reads nothing but its arguments (never any truth), so the same settings run everywhere.
 */
import os from 'node:os';
import {
  candidatePairs,
  DEFAULT_RULES,
  ruleKeys,
  trainingPairs,
  type BlockingRule,
  type RuleKeys,
} from './blocking';
import { Clusters } from './cluster';
import { COMPARISON_COUNT, COMPARISONS, compareInto } from './comparisons';
import { estimateM, estimateU, patternsOf, termFrequencies, type EmResult, type ModelParams } from './model';
import { Helper } from './parallel';
import { prepare, type LinkRecord, type Prepared } from './record';
import { levelWeight, probabilityOf, weightsOf } from './score';

export interface LinkSettings {
  rules: readonly BlockingRule[];
  /** Blocks larger than this are searched by sorted neighbourhood within `window`. */
  maxBlockSize: number;
  window: number;
  /** Random pairs compared to estimate u. */
  uSamplePairs: number;
  seed: number;
  /** At or above this probability a pair is linked automatically. */
  matchThreshold: number;
  /** From here up to the match threshold a pair goes to people for review. */
  reviewThreshold: number;
  emMaxIterations: number;
  emTolerance: number;
}

/** One set of defaults for every data set: nothing here is tuned to a particular file. */
export const DEFAULT_SETTINGS: LinkSettings = {
  rules: DEFAULT_RULES,
  maxBlockSize: 20,
  window: 6,
  uSamplePairs: 300_000,
  seed: 20_240_601,
  matchThreshold: 0.95,
  reviewThreshold: 0.5,
  emMaxIterations: 200,
  emTolerance: 1e-6,
};

export interface Decisions {
  /** Index pairs people confirmed: linked whatever the score. */
  confirmed: ReadonlyArray<readonly [number, number]>;
  /** Index pairs people rejected: never in one cluster. */
  rejected: ReadonlyArray<readonly [number, number]>;
}

export type Stage = 'prepare' | 'block' | 'compare' | 'estimate' | 'score' | 'cluster';

export interface LinkResult {
  prepared: Prepared[];
  params: ModelParams;
  em: EmResult;
  pairs: { left: Uint32Array; right: Uint32Array; probability: Float64Array; count: number };
  perRule: number[];
  windowedBlocks: number;
  /** Cluster of each record, as the index of one of its members. */
  labels: Int32Array;
  /** Pairs in the review band, as indices into `pairs`. */
  review: number[];
  /** Pairs that joined two clusters (a spanning forest of the clusters), as indices into `pairs`. */
  edges: number[];
  /** Threads that did the work: 2 when the helper thread ran, else 1. */
  threads: number;
}

export interface LinkOptions {
  settings?: LinkSettings;
  decisions?: Decisions;
  /** Score with this model instead of estimating one (too few records to learn from). */
  model?: ModelParams;
  onProgress?: (stage: Stage, done: number, total: number) => void;
  /**
   * Threads to use (at most 2: this one and a helper). By default both cores of a machine that
   * has them, for runs of at least PARALLEL_MIN_RECORDS records. The result is the same either way.
   */
  threads?: number;
}

/** Below this a helper thread costs more to start than it saves. */
export const PARALLEL_MIN_RECORDS = 50_000;

export function linkRecords(records: readonly LinkRecord[], options: LinkOptions = {}): LinkResult {
  const threads =
    options.threads ?? (records.length >= PARALLEL_MIN_RECORDS ? Math.min(2, os.availableParallelism()) : 1);
  const helper = threads > 1 ? Helper.start() : null;
  try {
    return linkWith(records, options, helper);
  } finally {
    helper?.close();
  }
}

function linkWith(records: readonly LinkRecord[], options: LinkOptions, helper: Helper | null): LinkResult {
  const s = options.settings ?? DEFAULT_SETTINGS;
  const progress = options.onProgress ?? ((): void => undefined);
  const n = records.length;
  // The helper prepares its own copy meanwhile.
  helper?.send({ kind: 'records', records: records as LinkRecord[] });
  const prepared: Prepared[] = new Array<Prepared>(n);
  for (let i = 0; i < n; i++) {
    prepared[i] = prepare(records[i]!);
    if (i % 50_000 === 0) progress('prepare', i, n);
  }
  progress('block', 0, 1);
  let keys: RuleKeys[] | undefined;
  if (helper && s.rules === DEFAULT_RULES) {
    // Keys of every other rule built by the helper.
    helper.wait();
    const theirs = s.rules.map((_, r) => r).filter((r) => r % 2 === 1);
    const ours = s.rules.map((_, r) => r).filter((r) => r % 2 === 0);
    helper.send({ kind: 'keys', rules: theirs });
    const mine = ruleKeys(
      prepared,
      ours.map((r) => s.rules[r]!),
      ours,
    );
    const received = helper.wait<Int32Array[]>();
    keys = s.rules.map((rule, r) =>
      r % 2 === 0 ? mine[ours.indexOf(r)]! : { width: rule.width, hashes: received[theirs.indexOf(r)]! },
    );
  } else helper?.wait();
  const cand = candidatePairs(prepared, s.rules, { maxBlockSize: s.maxBlockSize, window: s.window }, keys);
  const levels = new Int8Array(cand.count * COMPARISON_COUNT);
  // The helper compares the second half of the pairs while this thread compares the first.
  const half = helper ? Math.floor(cand.count / 2) : cand.count;
  if (helper) {
    const left = cand.left.slice(half);
    const right = cand.right.slice(half);
    helper.send({ kind: 'compare', left, right }, [left.buffer, right.buffer]);
  }
  for (let p = 0; p < half; p++) {
    compareInto(prepared[cand.left[p]!]!, prepared[cand.right[p]!]!, levels, p * COMPARISON_COUNT);
    if (p % 200_000 === 0) progress('compare', p, cand.count);
  }
  if (helper) levels.set(helper.wait<Int8Array>(), half * COMPARISON_COUNT);
  progress('estimate', 0, 1);
  const params = options.model
    ? {
        model: options.model,
        em: {
          m: options.model.m,
          uCandidates: options.model.u,
          lambda: options.model.lambda,
          iterations: 0,
          converged: true,
          logLikelihood: [],
        },
      }
    : estimateParams(prepared, levels, trainingPairs(s.rules, cand.perRule), s, helper);
  const em = params.em;
  const probability = scoreAll(params.model, prepared, cand.left, levels, cand.count, (p) =>
    progress('score', p, cand.count),
  );
  progress('cluster', 0, 1);
  const { labels, review, edges } = clusterPairs(
    n,
    cand.left,
    cand.right,
    probability,
    cand.count,
    s,
    options.decisions,
  );
  return {
    prepared,
    params: params.model,
    em,
    pairs: { left: cand.left, right: cand.right, probability, count: cand.count },
    perRule: cand.perRule,
    windowedBlocks: cand.windowedBlocks,
    labels,
    review,
    edges,
    threads: helper ? 2 : 1,
  };
}

function estimateParams(
  prepared: readonly Prepared[],
  levels: Int8Array,
  pairCount: number,
  s: LinkSettings,
  helper: Helper | null,
): { model: ModelParams; em: EmResult } {
  // `pairCount`: the first candidate pairs, those the training rules found (blocking.trainingPairs).
  // u from random pairs on the helper while this thread groups the patterns and counts values.
  helper?.send({ kind: 'estimateU', samplePairs: s.uSamplePairs, seed: s.seed });
  const patterns = patternsOf(levels, pairCount);
  const tf = termFrequencies(prepared);
  const u = helper
    ? helper.wait<number[][]>()
    : estimateU(prepared, { samplePairs: s.uSamplePairs, seed: s.seed });
  const em = estimateM(patterns, u, {
    maxIterations: s.emMaxIterations,
    tolerance: s.emTolerance,
  });
  // The prior of a random pair being a match: the matches EM expects among candidates, over all pairs.
  const n = prepared.length;
  const allPairs = Math.max(1, (n * (n - 1)) / 2);
  const lambda = Math.min(Math.max((em.lambda * pairCount) / allPairs, 1e-12), 0.5);
  const model: ModelParams = { m: em.m, u, lambda, ...tf, records: n };
  return { model, em };
}

export function clusterPairs(
  n: number,
  left: Uint32Array,
  right: Uint32Array,
  probability: Float64Array,
  count: number,
  s: Pick<LinkSettings, 'matchThreshold' | 'reviewThreshold'>,
  decisions?: Decisions,
): { labels: Int32Array; review: number[]; edges: number[] } {
  const clusters = new Clusters(n);
  for (const [i, j] of decisions?.rejected ?? []) clusters.forbid(i, j);
  for (const [i, j] of decisions?.confirmed ?? []) clusters.union(i, j);
  const strong: number[] = [];
  const review: number[] = [];
  for (let p = 0; p < count; p++) {
    const pr = probability[p]!;
    if (pr >= s.matchThreshold) strong.push(p);
    else if (pr >= s.reviewThreshold) review.push(p);
  }
  // Strongest first, so a doubtful pair cannot pull in a cluster that a rejection protects.
  strong.sort((a, b) => probability[b]! - probability[a]!);
  const edges: number[] = [];
  for (const p of strong) if (clusters.union(left[p]!, right[p]!)) edges.push(p);
  const labels = clusters.labels();
  // A review pair already inside one cluster needs no review.
  return { labels, edges, review: review.filter((p) => labels[left[p]!] !== labels[right[p]!]) };
}

/**
 * Scores every candidate pair. The exact-match weight of a value (with its term frequency) is
 * worked out once per record, not once per pair. Same result as pairWeight, pair by pair.
 */
function scoreAll(
  params: ModelParams,
  prepared: readonly Prepared[],
  left: Uint32Array,
  levels: Int8Array,
  count: number,
  progress: (p: number) => void,
): Float64Array {
  const w = weightsOf(params);
  const exact = COMPARISONS.map((cmp, c) =>
    cmp.tfValue ? Float64Array.from(prepared, (p) => levelWeight(params, w, c, 1, cmp.tfValue!(p))) : null,
  );
  const probability = new Float64Array(count);
  for (let p = 0; p < count; p++) {
    const a = left[p]!;
    let total = w.prior;
    const base = p * COMPARISON_COUNT;
    for (let c = 0; c < COMPARISON_COUNT; c++) {
      const l = levels[base + c]!;
      if (l < 0) continue;
      const tf = l === 1 ? exact[c] : null;
      total += tf ? tf[a]! : w.level[c]![l]!;
    }
    probability[p] = probabilityOf(total);
    if (p % 500_000 === 0) progress(p);
  }
  return probability;
}
