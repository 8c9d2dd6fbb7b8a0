import type { Config } from '../platform/config';
import { openDatabase, type Database } from '../platform/db/database';
import { migrate } from '../platform/db/migrate';

/** Opens the configured database and brings its schema up to date. */
export async function openMigrated(
  config: Config,
  purpose: string,
): Promise<{ database: Database; applied: string[] }> {
  const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, purpose });
  try {
    const { applied } = await migrate(database.db);
    return { database, applied };
  } catch (err) {
    await database.close();
    throw err;
  }
}

export function describeDatabase(config: Config, database: Database): string {
  return database.engine === 'pglite'
    ? `embedded PostgreSQL in ${config.dataDir}`
    : 'PostgreSQL (DATABASE_URL)';
}
