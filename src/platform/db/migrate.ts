import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { FatalError } from '../errors';
import { migrationsDir } from '../paths';
import type { DB } from './schema';

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

/** Ordered SQL files named NNNN_name.sql; the number orders them and is recorded once applied. */
export function readMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      const [version, ...rest] = file.replace(/\.sql$/, '').split('_');
      return {
        version: version ?? file,
        name: rest.join('_'),
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
}

export interface MigrateResult {
  applied: string[];
  current: string | undefined;
}

/** Applies what is missing, each file in its own transaction; refuses to run over an edited migration. */
export async function migrate(db: Kysely<DB>, migrations = readMigrations()): Promise<MigrateResult> {
  await sql`create table if not exists schema_migrations (
    version text primary key, name text not null, checksum text not null,
    applied_at timestamptz not null default now())`.execute(db);
  const applied: string[] = [];
  for (const m of migrations) {
    const done = await db.transaction().execute(async (trx) => {
      // Two servers starting at once against one PostgreSQL: the second waits, then finds it done.
      await sql`select pg_advisory_xact_lock(7274316)`.execute(trx);
      const row = await sql<{
        checksum: string;
      }>`select checksum from schema_migrations where version = ${m.version}`
        .execute(trx)
        .then((r) => r.rows[0]);
      if (row) {
        if (row.checksum !== m.checksum) {
          throw new FatalError(
            `Migration ${m.version}_${m.name} was changed after it was applied. Add a new migration instead.`,
          );
        }
        return false;
      }
      await sql.raw(m.sql).execute(trx);
      await sql`insert into schema_migrations (version, name, checksum) values (${m.version}, ${m.name}, ${m.checksum})`.execute(
        trx,
      );
      return true;
    });
    if (done) applied.push(`${m.version}_${m.name}`);
  }
  return { applied, current: migrations.at(-1)?.version };
}
