import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/platform/db/database';
import { migrate } from '../../src/platform/db/migrate';

export const onPostgres = (): boolean => inject('pgUrl') !== undefined;

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database
 * on the throwaway PostgreSQL cluster when the suite runs with WAYMARK_TEST_PG=1. `url` names a
 * PostgreSQL server to use instead, and `embedded` asks for PGlite whatever the suite runs on
 * (for tests of what only one engine does).
 */
export async function openTestDatabase(engine: { embedded?: boolean; url?: string } = {}): Promise<Database> {
  const url = engine.embedded ? undefined : (engine.url ?? inject('pgUrl'));
  if (!url) {
    const database = await openDatabase({ dataDir: 'memory://' });
    await migrate(database.db);
    return database;
  }
  const name = `waymark_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const database = await openDatabase({ dataDir: '', databaseUrl: testUrl.toString(), maxConnections: 5 });
  await migrate(database.db);
  const close = (): Promise<void> => database.close();
  return {
    ...database,
    close: async () => {
      await close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
