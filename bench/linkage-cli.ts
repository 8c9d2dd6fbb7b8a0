/**
 * Batch deduplication through the shipped command: the generated people (seed 42) written as a
 * labelled CSV, the CLI built with package.json's build:server (dist/cli.js and its helper thread
 * dist/linkage-worker.js), then `node dist/cli.js linkage evaluate --input FILE --truth-column truth`
 * run as a user would. The CSV carries an age without the date it was given, so a few figures differ
 * slightly from the in-process run (bench/linkage-batch.ts).
 *
 *   npx tsx bench/linkage-cli.ts N
 */
import { execFileSync, execSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Evaluation } from '../src/features/linkage/evaluate';
import { peopleCsv } from './linkage-generate';

const root = path.resolve(import.meta.dirname, '..');

export function benchBatchCli(count: number): string[] {
  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  const file = path.join(root, '.tmp', `linkage-${count}.csv`);
  writeFileSync(file, peopleCsv(count, 42));
  execSync('npm run build:server', { cwd: root, stdio: 'ignore' });
  const started = Date.now();
  const out = execFileSync(
    process.execPath,
    [
      path.join(root, 'dist/cli.js'),
      'linkage',
      'evaluate',
      '--input',
      file,
      '--truth-column',
      'truth',
      '--json',
    ],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 2 ** 24 },
  );
  const processSeconds = (Date.now() - started) / 1000;
  rmSync(file, { force: true });
  const e = JSON.parse(out) as Evaluation;
  const f = (x: number): string => x.toFixed(4);
  return [
    `| code path | built CLI: \`node dist/cli.js linkage evaluate\` (esbuild bundle, helper dist/linkage-worker.js) |`,
    `| threads | ${e.threads} |`,
    `| records | ${e.records.toLocaleString('en')} (${e.trueEntities.toLocaleString('en')} people) |`,
    `| wall time (link, as evaluate reports it) | ${e.wallSeconds.toFixed(1)} s (${Math.round(e.recordsPerSecond).toLocaleString('en')} records/s) |`,
    `| whole command (reading the CSV, linking, measuring) | ${processSeconds.toFixed(1)} s |`,
    `| candidate pairs | ${e.candidatePairs.toLocaleString('en')} (pair completeness ${f(e.pairCompleteness)}) |`,
    `| pairwise P / R / F1 | ${f(e.pairwise.precision)} / ${f(e.pairwise.recall)} / ${f(e.pairwise.f1)} |`,
    `| cluster B-cubed P / R / F1 | ${f(e.cluster.precision)} / ${f(e.cluster.recall)} / ${f(e.cluster.f1)} |`,
    `| exact clusters P / R / F1 | ${f(e.exactClusters.precision)} / ${f(e.exactClusters.recall)} / ${f(e.exactClusters.f1)} |`,
    `| EM | ${e.emIterations} iterations, ${e.emConverged ? 'converged' : 'not converged'} |`,
  ];
}

if (process.argv[1]?.endsWith('linkage-cli.ts')) {
  console.log(benchBatchCli(Number(process.argv[2] ?? 100_000)).join('\n'));
}
