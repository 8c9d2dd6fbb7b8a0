import type { Command } from 'commander';
import {
  HsdsInvalid,
  exportDirectory,
  importRecords,
  readHsds,
} from '../../features/directory/import-export';
import { recordAudit, systemActor } from '../../platform/audit/audit';
import { loadConfig } from '../../platform/config';
import { FatalError } from '../../platform/errors';
import { openMigrated } from '../open';

export function registerDirectory(program: Command): void {
  const dir = program.command('directory').description('The service directory (Open Referral HSDS 3.0)');
  dir
    .command('import')
    .argument('<source>', 'canonical JSON file, or a tabular data package (folder or its datapackage.json)')
    .description('Import organisations, services and locations; a file that fails its schema imports nothing')
    .action(async (source: string) => {
      let records;
      try {
        records = readHsds(source);
      } catch (err) {
        if (!(err instanceof HsdsInvalid)) throw err;
        for (const issue of err.issues) console.error(`${issue.path}: ${issue.message}`);
        throw new FatalError(err.message);
      }
      const { database } = await openMigrated(loadConfig(), 'waymark directory import');
      try {
        const summary = await database.db.transaction().execute(async (trx) => {
          const s = await importRecords(trx, records);
          await recordAudit(trx, systemActor('cli:directory-import'), {
            action: 'directory.imported',
            subjectType: 'directory',
            details: { ...s },
          });
          return s;
        });
        console.log(
          `Imported ${summary.records} HSDS records: ${summary.organizations} organisation(s), ${summary.services} service(s).`,
        );
      } finally {
        await database.close();
      }
    });
  dir
    .command('export')
    .description('Export the directory as canonical JSON or as a tabular data package')
    .requiredOption('--format <format>', 'json or package')
    .requiredOption('--out <path>', 'a file for json, a folder for package')
    .action(async (opts: { format: string; out: string }) => {
      if (opts.format !== 'json' && opts.format !== 'package') {
        throw new FatalError(`--format must be json or package, not ${opts.format}`);
      }
      const { database } = await openMigrated(loadConfig(), 'waymark directory export');
      try {
        const n = await exportDirectory(database.db, opts.format, opts.out);
        console.log(`Exported ${n} HSDS records to ${opts.out}.`);
      } finally {
        await database.close();
      }
    });
}
