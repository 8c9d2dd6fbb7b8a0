import { createReadStream, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { z } from 'zod';
import { importRecords } from '../../features/imports/load';
import { ImportRecord, type ImportIssue } from '../../features/imports/schema';
import { systemActor } from '../../platform/audit/audit';
import { AppError, FatalError } from '../../platform/errors';
import { withHotline } from './report';

/** A bar for long jobs on a terminal; nothing when output goes to a file or pipe. */
export function progressBar(label: string): {
  update: (done: number, total: number) => void;
  stop: () => void;
} {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    { format: `${label} [{bar}] {percentage}% {value}/{total} rows`, stream: process.stderr },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update: (done, total) => {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/** Prints each problem as "line N, field: message" so a person can fix the file. */
export function explainImportError(err: unknown): never {
  if (err instanceof AppError && err.code === 'validation_failed') {
    const issues = ((err.details as { issues?: ImportIssue[] } | undefined)?.issues ?? []).slice(0, 50);
    for (const i of issues) console.error(`  line ${i.line}, ${i.field}: ${i.message}`);
  }
  throw err;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Load case-level history from another system (NDJSON, see docs/import.md); all or nothing')
    .argument('[file]', 'the NDJSON file')
    .option('--hotline <slug>', 'the hotline, when there are several')
    .option('--print-schema <file>', 'write the JSON Schema of one line to this file and stop')
    .action(async (file: string | undefined, o: { hotline?: string; printSchema?: string }) => {
      if (o.printSchema) {
        writeFileSync(
          o.printSchema,
          `${JSON.stringify(z.toJSONSchema(ImportRecord, { io: 'input' }), null, 2)}\n`,
        );
        return;
      }
      if (!file) throw new FatalError('Name the file to import.');
      await withHotline(o.hotline, 'waymark import', async (database, hotline) => {
        const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
        const bar = progressBar('Importing');
        try {
          const s = await importRecords(database.db, lines, {
            hotlineId: hotline.id,
            who: systemActor('cli:import', hotline.id),
            onProgress: bar.update,
          }).catch(explainImportError);
          bar.stop();
          console.log(
            `Imported ${s.cases.created} case(s) and ${s.signals.created} signal(s) into ${hotline.slug}; ` +
              `${s.cases.skipped + s.signals.skipped} record(s) were already there.` +
              (s.reclustered
                ? ' Record linkage ran on the new people.'
                : ' Record linkage has not run on them yet.'),
          );
        } finally {
          bar.stop();
        }
      });
    });
}
