import type { Command } from 'commander';
import { loadConfig } from '../../platform/config';
import { FatalError } from '../../platform/errors';
import { runMaintenance } from '../../platform/db/maintenance';
import { describeDatabase, openMigrated } from '../open';

export function registerDb(program: Command): void {
  const db = program.command('db').description('Database maintenance');
  db.command('migrate')
    .description('Apply the migrations that have not run yet')
    .action(async () => {
      const config = loadConfig();
      const { database, applied } = await openMigrated(config, 'waymark db migrate');
      console.log(
        applied.length
          ? `Applied ${applied.length} migration(s) to ${describeDatabase(config, database)}: ${applied.join(', ')}`
          : `The ${describeDatabase(config, database)} is up to date.`,
      );
      await database.close();
    });
  db.command('maintain')
    .description('Analyze and vacuum the embedded database now (a PostgreSQL server does it itself)')
    .option('--all', 'every table, whatever its counters say')
    .option('--full', 'with --all: VACUUM FULL, giving the space of deleted rows back to the disk')
    .action(async (opts: { all?: boolean; full?: boolean }) => {
      if (opts.full && !opts.all) throw new FatalError('--full rewrites every table: use it with --all.');
      const config = loadConfig();
      const { database } = await openMigrated(config, 'waymark db maintain');
      try {
        const result = await runMaintenance(database, {
          all: opts.all === true,
          full: opts.full === true,
          onStep: (w, i, total) =>
            console.log(`[${i + 1}/${total}] ${w.actions.join(' + ')} ${w.schema}.${w.table} (${w.reason})`),
        });
        if (!result.ran) console.log('PostgreSQL (DATABASE_URL) runs its own autovacuum; nothing to do.');
        else if (!result.steps.length) console.log('Every table is up to date; nothing to do.');
        else console.log(`Done: ${result.steps.length} table(s) in ${(result.ms / 1000).toFixed(1)} s.`);
      } finally {
        await database.close();
      }
    });
}
