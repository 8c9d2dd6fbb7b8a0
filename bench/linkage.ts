/**
 * `npm run bench:linkage`: the record-linkage benchmarks, printed as Markdown for docs/benchmarks.md.
 *   BENCH_LINKAGE_RECORDS  generated records deduplicated in memory (default 1,000,000)
 *   BENCH_LINKAGE_PG_SIZE  people stored in PostgreSQL for the incremental test (default 1,000,000)
 *   BENCH_LINKAGE_BATCH    cli (default): the batch through the built command, `node dist/cli.js
 *                          linkage evaluate` (bench/linkage-cli.ts); tsx: in this process from the
 *                          TypeScript sources, with the time of each stage (bench/linkage-batch.ts)
 */
import os from 'node:os';
import { benchBatch } from './linkage-batch';
import { benchBatchCli } from './linkage-cli';
import { benchIncremental } from './linkage-incremental';

const records = Number(process.env.BENCH_LINKAGE_RECORDS ?? 1_000_000);
const pgSize = Number(process.env.BENCH_LINKAGE_PG_SIZE ?? 1_000_000);
const batchPath = process.env.BENCH_LINKAGE_BATCH ?? 'cli';

console.log(
  `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average at start ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}\n`,
);
console.log('Batch deduplication of generated person mentions (seed 42):\n');
console.log('| | |\n|---|---|');
if (batchPath === 'cli') {
  console.log(benchBatchCli(records).join('\n'));
} else {
  const cpuStart = process.cpuUsage();
  console.log((await benchBatch(records)).join('\n'));
  const cpu = process.cpuUsage(cpuStart);
  console.log(
    `| CPU time of the process (user + system, both threads) | ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s |`,
  );
  console.log(`| peak resident memory | ${(process.resourceUsage().maxRSS / 2 ** 20).toFixed(1)} GiB |`);
}
console.log(
  `\nIncremental linking in PostgreSQL (load average now ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}):\n`,
);
console.log('| | |\n|---|---|');
// The server set as docs/operations.md advises: shared_buffers a quarter of the memory, the tables
// linking reads in it (as after a while of running).
const quarter = `${Math.floor(os.totalmem() / 4 / 2 ** 30)}GB`;
console.log((await benchIncremental(pgSize, 1000, { sharedBuffers: quarter, prewarm: true })).join('\n'));
