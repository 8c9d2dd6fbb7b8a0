/** `waymark linkage evaluate`: link a labelled file with the default settings, then score the result. */
import { linkRecords, type LinkOptions } from './engine/link';
import {
  bCubedQuality,
  clusterQuality,
  pairCompleteness,
  pairwiseQuality,
  type Quality,
} from './engine/metrics';
import type { LinkRecord } from './engine/record';

export interface Evaluation {
  records: number;
  trueEntities: number;
  candidatePairs: number;
  pairCompleteness: number;
  pairwise: Quality;
  /** Cluster level, B-cubed: per record, how much of its cluster is right, averaged. */
  cluster: Quality;
  /** Cluster level, strict: a cluster counts only when it is exactly one true entity. */
  exactClusters: Quality;
  predictedClusters: number;
  emIterations: number;
  emConverged: boolean;
  wallSeconds: number;
  recordsPerSecond: number;
  /** 2 when the helper thread ran (engine/parallel.ts), else 1. */
  threads: number;
}

export function evaluateLinkage(
  records: readonly LinkRecord[],
  truth: readonly string[],
  options: Pick<LinkOptions, 'onProgress' | 'threads'> = {},
): Evaluation {
  const started = process.hrtime.bigint();
  // Linking sees the records only; the truth is read after it has finished.
  const result = linkRecords(records, options);
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    records: records.length,
    trueEntities: new Set(truth).size,
    candidatePairs: result.pairs.count,
    pairCompleteness: pairCompleteness(result.pairs.left, result.pairs.right, result.pairs.count, truth),
    pairwise: pairwiseQuality(result.labels, truth),
    cluster: bCubedQuality(result.labels, truth),
    exactClusters: clusterQuality(result.labels, truth),
    predictedClusters: new Set(result.labels).size,
    emIterations: result.em.iterations,
    emConverged: result.em.converged,
    wallSeconds,
    recordsPerSecond: records.length / Math.max(wallSeconds, 1e-9),
    threads: result.threads,
  };
}
