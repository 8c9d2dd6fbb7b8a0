/**
 * Match weights: the prior odds plus, for each field, log2(m/u) of its level (Bayes factors in
 * bits). The explanation lists exactly those terms, so an advocate can see which field added or
 * removed how much, and the terms add up to the total.
 */
import { COMPARISON_COUNT, COMPARISONS, compare } from './comparisons';
import type { ModelParams } from './model';
import type { Prepared } from './record';

export interface Weights {
  prior: number;
  /** weight[c][level] in bits, without term frequency. */
  level: number[][];
  /** For comparisons with term frequencies: log2(m_exact), to which -log2(tf(value)) is added. */
  exactM: Array<number | null>;
}

export function weightsOf(params: ModelParams): Weights {
  const lambda = params.lambda;
  return {
    prior: Math.log2(lambda / (1 - lambda)),
    level: params.m.map((row, c) => row.map((m, l) => Math.log2(m / params.u[c]![l]!))),
    exactM: COMPARISONS.map((cmp, c) => (cmp.tfValue ? Math.log2(params.m[c]![1]!) : null)),
  };
}

/** The weight of a level, with the term-frequency adjustment for an exact match of a rare or common value. */
export function levelWeight(
  params: ModelParams,
  w: Weights,
  c: number,
  level: number,
  value: string,
): number {
  if (level < 0) return 0;
  const exactM = w.exactM[c];
  if (level === 1 && exactM !== null && exactM !== undefined && value) {
    const id = COMPARISONS[c]!.id;
    let tf = params.tf[id]?.[value] ?? params.tfFloor[id] ?? params.u[c]![1]!;
    // A name common in either role is common: swapped names must not make "Laura" look rare.
    if (id === 'given' || id === 'family')
      tf = Math.max(tf, params.tf.given?.[value] ?? 0, params.tf.family?.[value] ?? 0);
    // Never let a common value count for more than the average agreement would.
    return Math.max(exactM - Math.log2(tf), 0.5);
  }
  return w.level[c]![level]!;
}

export function pairWeight(
  params: ModelParams,
  w: Weights,
  a: Prepared,
  levels: Int8Array,
  offset: number,
): number {
  let total = w.prior;
  for (let c = 0; c < COMPARISON_COUNT; c++) {
    const l = levels[offset + c]!;
    if (l < 0) continue;
    const tfValue = l === 1 ? COMPARISONS[c]!.tfValue : undefined;
    total += tfValue ? levelWeight(params, w, c, l, tfValue(a)) : w.level[c]![l]!;
  }
  return total;
}

export const probabilityOf = (weight: number): number => 1 / (1 + 2 ** -weight);

export interface ExplanationTerm {
  field: string;
  label: string;
  /** What was found: 'same', 'small spelling difference', 'missing', ... */
  level: string;
  /** Bits of evidence: positive for the same person, negative against. */
  weight: number;
}

export interface Explanation {
  prior: number;
  terms: ExplanationTerm[];
  totalWeight: number;
  probability: number;
  swappedNames: boolean;
}

export function explain(params: ModelParams, a: Prepared, b: Prepared): Explanation {
  const w = weightsOf(params);
  const { levels, swapped } = compare(a, b);
  const terms: ExplanationTerm[] = COMPARISONS.map((cmp, c) => {
    const l = levels[c]!;
    const weight = l < 0 ? 0 : levelWeight(params, w, c, l, cmp.tfValue ? cmp.tfValue(a) : '');
    return { field: cmp.id, label: cmp.label, level: l < 0 ? 'missing' : cmp.levels[l]!, weight };
  });
  const totalWeight = w.prior + terms.reduce((s, t) => s + t.weight, 0);
  return {
    prior: w.prior,
    terms,
    totalWeight,
    probability: probabilityOf(totalWeight),
    swappedNames: swapped,
  };
}
