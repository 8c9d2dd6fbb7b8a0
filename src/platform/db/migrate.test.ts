import { mkdtempSync, readdirSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/helpers/database';
import { migrationsDir } from '../paths';
import type { Database } from './database';
import { migrate, readMigrations } from './migrate';

let database: Database;
beforeAll(async () => {
  // openTestDatabase has already applied every migration to an empty database.
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

it('applies every migration file, in order, to an empty database', async () => {
  const files = readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const rows = await database.db
    .selectFrom('schema_migrations')
    .select(['version', 'name'])
    .orderBy('version')
    .execute();
  expect(rows.map((r) => `${r.version}_${r.name}.sql`)).toEqual(files);
  const ext = await sql<{ extname: string }>`select extname from pg_extension order by extname`.execute(
    database.db,
  );
  expect(ext.rows.map((r) => r.extname)).toEqual(expect.arrayContaining(['fuzzystrmatch', 'pg_trgm']));
});

it('running again changes nothing', async () => {
  expect((await migrate(database.db)).applied).toEqual([]);
});

it('refuses to run over a migration that was edited after it was applied', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-mig-'));
  for (const f of readdirSync(migrationsDir)) copyFileSync(path.join(migrationsDir, f), path.join(dir, f));
  writeFileSync(path.join(dir, '0001_core.sql'), '-- edited\n');
  await expect(migrate(database.db, readMigrations(dir))).rejects.toThrow(/was changed after it was applied/);
});
