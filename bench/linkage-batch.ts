/** Batch deduplication of generated person mentions, timed, with quality against the generated truth. */
import { linkRecords } from '../src/features/linkage/engine/link';
import {
  bCubedQuality,
  clusterQuality,
  pairCompleteness,
  pairwiseQuality,
} from '../src/features/linkage/engine/metrics';
import { generatePeople } from './linkage-generate';

export async function benchBatch(count: number, threads?: number): Promise<string[]> {
  const { records, truth } = generatePeople(count, 42);
  const started = process.hrtime.bigint();
  const stages: string[] = [];
  let last = started;
  let lastStage = '';
  const result = linkRecords(records, {
    ...(threads ? { threads } : {}),
    onProgress: (stage) => {
      if (stage === lastStage) return;
      const now = process.hrtime.bigint();
      if (lastStage) stages.push(`${lastStage} ${(Number(now - last) / 1e9).toFixed(1)} s`);
      last = now;
      lastStage = stage;
    },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  stages.push(`${lastStage} ${(Number(process.hrtime.bigint() - last) / 1e9).toFixed(1)} s`);
  await Promise.resolve();
  const pw = pairwiseQuality(result.labels, truth);
  const bc = bCubedQuality(result.labels, truth);
  const ex = clusterQuality(result.labels, truth);
  const pc = pairCompleteness(result.pairs.left, result.pairs.right, result.pairs.count, truth);
  const f = (x: number): string => x.toFixed(4);
  return [
    `| threads | ${threads ?? 'default (two on a machine with two cores)'} |`,
    `| records | ${count.toLocaleString('en')} (${new Set(truth).size.toLocaleString('en')} people) |`,
    `| wall time (link, excluding generation) | ${seconds.toFixed(1)} s (${Math.round(count / seconds).toLocaleString('en')} records/s) |`,
    `| stages | ${stages.join(', ')} |`,
    `| candidate pairs | ${result.pairs.count.toLocaleString('en')} (pair completeness ${f(pc)}; ${result.windowedBlocks} large blocks searched by sorted neighbourhood) |`,
    `| pairwise P / R / F1 | ${f(pw.precision)} / ${f(pw.recall)} / ${f(pw.f1)} |`,
    `| cluster B-cubed P / R / F1 | ${f(bc.precision)} / ${f(bc.recall)} / ${f(bc.f1)} |`,
    `| exact clusters P / R / F1 | ${f(ex.precision)} / ${f(ex.recall)} / ${f(ex.f1)} |`,
    `| EM | ${result.em.iterations} iterations, ${result.em.converged ? 'converged' : 'not converged'} |`,
  ];
}

if (process.argv[1]?.endsWith('linkage-batch.ts')) {
  const n = Number(process.argv[2] ?? 100_000);
  const threads = process.argv[3] ? Number(process.argv[3]) : undefined;
  console.log((await benchBatch(n, threads)).join('\n'));
}
