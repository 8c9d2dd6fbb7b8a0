import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { findHotlines } from '../../features/hotlines/store';
import { runBatch } from '../../features/linkage/batch';
import { readLabelledCsv, type CsvOptions } from '../../features/linkage/csv-input';
import { ENTITY_TYPES } from '../../features/linkage/entities';
import type { EntityType } from '../../features/linkage/tables';
import { systemActor } from '../../platform/audit/audit';
import { loadConfig } from '../../platform/config';
import { FatalError } from '../../platform/errors';
import { openMigrated } from '../open';
import type { Stage } from '../../features/linkage/engine/link';
import { evaluateLinkage, type Evaluation } from '../../features/linkage/evaluate';

/** Where each stage starts and how much of the whole it is, in per cent (from a 1,000,000-record run). */
const STAGE_SPAN: Record<Stage, [number, number]> = {
  prepare: [0, 18],
  block: [18, 19],
  compare: [37, 49],
  estimate: [86, 8],
  score: [94, 4],
  cluster: [98, 2],
};

/**
 * Progress on stderr for runs long enough to wonder about: a bar over all stages on a terminal,
 * else one line per stage (for logs). Silent for small files.
 */
export function progressBar(
  total: number,
  label = '',
): {
  onProgress: (stage: Stage, done: number, all: number) => void;
  stop: () => void;
} {
  if (total < 20_000) return { onProgress: () => undefined, stop: () => undefined };
  if (!process.stderr.isTTY) {
    let last: Stage | undefined;
    return {
      onProgress: (stage) => {
        if (stage === last) return;
        last = stage;
        process.stderr.write(`${label}${stage}…\n`);
      },
      stop: () => undefined,
    };
  }
  const bar = new SingleBar(
    { stream: process.stderr, format: `${label}{stage} [{bar}] {percentage}%`, hideCursor: true },
    undefined,
  );
  bar.start(100, 0, { stage: 'prepare' });
  return {
    onProgress: (stage, done, all) => {
      const [start, span] = STAGE_SPAN[stage];
      bar.update(Math.round(start + (span * done) / Math.max(all, 1)), { stage });
    },
    stop: () => bar.stop(),
  };
}

const pct = (x: number): string => (100 * x).toFixed(2) + '%';

function print(e: Evaluation): void {
  const q = (name: string, v: { precision: number; recall: number; f1: number }): string =>
    `${name.padEnd(26)} precision ${pct(v.precision)}  recall ${pct(v.recall)}  F1 ${v.f1.toFixed(4)}`;
  console.log(
    `records                    ${e.records} (${e.trueEntities} true entities, ${e.predictedClusters} clusters found)`,
  );
  console.log(
    `candidate pairs            ${e.candidatePairs} (pair completeness ${pct(e.pairCompleteness)})`,
  );
  console.log(q('pairwise', e.pairwise));
  console.log(q('cluster (B-cubed)', e.cluster));
  console.log(q('cluster (exact clusters)', e.exactClusters));
  console.log(
    `EM                         ${e.emIterations} iterations, ${e.emConverged ? 'converged' : 'NOT converged'}`,
  );
  console.log(
    `wall time                  ${e.wallSeconds.toFixed(2)} s (${Math.round(e.recordsPerSecond)} records/s, ${e.threads} thread${e.threads > 1 ? 's' : ''})`,
  );
}

interface EvaluateOptions extends CsvOptions {
  input: string;
  json?: boolean;
  threads?: string;
}

export function registerLinkage(program: Command): void {
  const linkage = program
    .command('linkage')
    .description('Record linkage: the same person, business or caller');
  linkage
    .command('evaluate')
    .description('Link a labelled CSV with the default settings and measure the result against its truth')
    .requiredOption('--input <file>', 'the CSV file')
    .option('--id-column <name>', 'the record id column (default: unique_id, rec_id or id, else the first)')
    .option('--truth-column <name>', 'the column naming the true entity')
    .option('--truth-pattern <regex>', 'or: the first capture group of this pattern on the id column')
    .option(
      '--map <pairs>',
      'field=column,... (fields: givenName, familyName, fullName, birthDate, age, phone, email, street, city, postcode, state, idNumber, orgName; join columns with +)',
    )
    .option('--separator <text>', 'the field separator', ',')
    .option('--json', 'print the figures as JSON')
    .option(
      '--threads <n>',
      'threads to use, 1 or 2 (default: 2 from 50,000 records on a machine with two cores); the result is the same',
    )
    .addHelpText(
      'after',
      "\nExamples:\n  waymark linkage evaluate --input febrl/dataset3.csv --truth-pattern '^rec-(\\d+)-'\n  waymark linkage evaluate --input fake_1000.csv --truth-column cluster",
    )
    .action((opts: EvaluateOptions) => {
      const threads = opts.threads === undefined ? undefined : Number(opts.threads);
      if (threads !== undefined && threads !== 1 && threads !== 2)
        throw new FatalError(`--threads must be 1 or 2, not "${opts.threads}".`);
      const { records, truth } = readLabelledCsv(opts.input, opts);
      const bar = progressBar(records.length);
      let result: Evaluation;
      try {
        result = evaluateLinkage(records, truth, {
          onProgress: bar.onProgress,
          ...(threads ? { threads } : {}),
        });
      } finally {
        bar.stop();
      }
      if (opts.json) console.log(JSON.stringify(result, null, 2));
      else print(result);
    });
  linkage
    .command('run')
    .description(
      'Re-cluster every record from scratch, keeping confirmed and rejected pairs as people decided',
    )
    .option('--hotline <slug>', 'only this hotline (default: all)')
    .option('--type <type>', 'person, business, signaler or all', 'all')
    .action(async (opts: { hotline?: string; type: string }) => {
      const types: EntityType[] =
        opts.type === 'all' ? [...ENTITY_TYPES] : ENTITY_TYPES.filter((t) => t === opts.type);
      if (types.length === 0)
        throw new FatalError(`--type must be person, business, signaler or all, not "${opts.type}".`);
      const config = loadConfig();
      const { database } = await openMigrated(config, 'waymark linkage run');
      try {
        const hotlines = (await findHotlines(database.db)).filter(
          (h) => !opts.hotline || h.slug === opts.hotline,
        );
        if (opts.hotline && hotlines.length === 0)
          throw new FatalError(`There is no hotline "${opts.hotline}".`);
        for (const hotline of hotlines) {
          for (const type of types) {
            const bar = progressBar(Number.MAX_SAFE_INTEGER, `${hotline.slug} ${type}: `);
            try {
              // One transaction per hotline and type: a failed run changes nothing.
              const outcome = await database.db.transaction().execute((trx) =>
                runBatch(
                  trx,
                  { hotlineId: hotline.id, who: systemActor('cli:linkage-run', hotline.id) },
                  type,
                  {
                    onProgress: bar.onProgress,
                  },
                ),
              );
              bar.stop();
              console.log(
                `${hotline.slug} ${type}: ${outcome.records} records in ${outcome.clusters} clusters, ` +
                  `${outcome.links} links, ${outcome.reviewItems} pairs to review` +
                  (outcome.trained
                    ? ' (model estimated from these records)'
                    : ' (default model: too few records to estimate)'),
              );
            } finally {
              bar.stop();
            }
          }
        }
      } finally {
        await database.close();
      }
    });
}
