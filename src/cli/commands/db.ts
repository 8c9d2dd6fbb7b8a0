import type { Command } from 'commander';
import { loadConfig } from '../../platform/config';
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
}
