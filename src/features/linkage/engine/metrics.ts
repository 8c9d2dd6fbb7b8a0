/** Quality figures for a clustering against known truth (only ever used after linking). */

export interface Quality {
  precision: number;
  recall: number;
  f1: number;
}

const quality = (tp: number, predicted: number, actual: number): Quality => {
  const precision = predicted === 0 ? 1 : tp / predicted;
  const recall = actual === 0 ? 1 : tp / actual;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
};

function groups(labels: ArrayLike<string | number>): Map<string | number, number[]> {
  const map = new Map<string | number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    const g = map.get(l);
    if (g) g.push(i);
    else map.set(l, [i]);
  }
  return map;
}

const pairsIn = (size: number): number => (size * (size - 1)) / 2;

/** Pairwise: every two records placed in one cluster is a predicted pair. */
export function pairwiseQuality(predicted: ArrayLike<number>, truth: ArrayLike<string>): Quality {
  let predPairs = 0;
  let tp = 0;
  for (const members of groups(predicted).values()) {
    predPairs += pairsIn(members.length);
    const byTruth = new Map<string, number>();
    for (const i of members) byTruth.set(truth[i]!, (byTruth.get(truth[i]!) ?? 0) + 1);
    for (const c of byTruth.values()) tp += pairsIn(c);
  }
  let truePairs = 0;
  for (const members of groups(truth).values()) truePairs += pairsIn(members.length);
  return quality(tp, predPairs, truePairs);
}

/** Cluster level: a predicted cluster counts when it holds exactly the records of one true entity. */
export function clusterQuality(predicted: ArrayLike<number>, truth: ArrayLike<string>): Quality {
  const key = (members: number[]): string => members.join(',');
  const truthClusters = new Set<string>();
  for (const members of groups(truth).values()) truthClusters.add(key(members));
  const predClusters = [...groups(predicted).values()];
  let exact = 0;
  for (const members of predClusters) if (truthClusters.has(key(members))) exact++;
  return quality(exact, predClusters.length, truthClusters.size);
}

/** Share of true pairs that blocking put among the candidates. */
export function pairCompleteness(
  left: Uint32Array,
  right: Uint32Array,
  count: number,
  truth: ArrayLike<string>,
): number {
  let found = 0;
  for (let p = 0; p < count; p++) if (truth[left[p]!] === truth[right[p]!]) found++;
  let truePairs = 0;
  for (const members of groups(truth).values()) truePairs += pairsIn(members.length);
  return truePairs === 0 ? 1 : found / truePairs;
}

/** B-cubed: for each record, the share of its predicted cluster that truly belongs with it, and back. */
export function bCubedQuality(predicted: ArrayLike<number>, truth: ArrayLike<string>): Quality {
  const n = predicted.length;
  if (n === 0) return { precision: 1, recall: 1, f1: 1 };
  const predSize = new Map<number, number>();
  const trueSize = new Map<string, number>();
  const both = new Map<string, number>();
  const key = (i: number): string => `${predicted[i]}|${truth[i]}`;
  for (let i = 0; i < n; i++) {
    predSize.set(predicted[i]!, (predSize.get(predicted[i]!) ?? 0) + 1);
    trueSize.set(truth[i]!, (trueSize.get(truth[i]!) ?? 0) + 1);
    both.set(key(i), (both.get(key(i)) ?? 0) + 1);
  }
  let p = 0;
  let r = 0;
  for (let i = 0; i < n; i++) {
    const common = both.get(key(i))!;
    p += common / predSize.get(predicted[i]!)!;
    r += common / trueSize.get(truth[i]!)!;
  }
  const precision = p / n;
  const recall = r / n;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}
