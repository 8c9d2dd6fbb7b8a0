import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { FatalError } from '../errors';
import { lockDataFolder, type FolderLock } from './folder-lock';
import type { DB } from './schema';

// COUNT(*) and bigserial ids come back as numbers, not strings; our counts stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// DATE columns stay plain 'YYYY-MM-DD' strings: a birth date has no time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Engine = 'pglite' | 'postgres';

export interface Database {
  readonly db: Kysely<DB>;
  readonly pool: pg.Pool;
  readonly engine: Engine;
  /** The embedded engine, when that is what runs (for LISTEN/NOTIFY through its own API). */
  readonly pglite: PGlite | undefined;
  /** The PostgreSQL address, for the one extra connection that LISTENs (undefined on PGlite). */
  readonly url: string | undefined;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A folder for PGlite, or 'memory://' for a throwaway in-memory database. */
  dataDir: string;
  /** When set, PostgreSQL at this URL is used instead of PGlite. */
  databaseUrl?: string | undefined;
  /** Said in the lock file, so that a second process can tell who holds the folder. */
  purpose?: string;
  /** Connections in the pool for PostgreSQL (PGlite always has exactly one). */
  maxConnections?: number;
}

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'the configured address';
  }
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000 });
  pool.on('error', () => {
    /* an idle client lost its connection; the pool replaces it on next use */
  });
  try {
    await pool.query('select 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new FatalError(`Cannot reach PostgreSQL at ${describeUrl(url)} (${reason}). Check DATABASE_URL.`);
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    engine: 'postgres',
    pglite: undefined,
    url,
    close: async () => {
      await db.destroy();
    },
  };
}

async function openPglite(dataDir: string, purpose: string): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  let lock: FolderLock | undefined;
  if (!inMemory) lock = lockDataFolder(dataDir, purpose);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(inMemory ? undefined : dataDir, { extensions: { pg_trgm, fuzzystrmatch } });
  } catch (err) {
    lock?.release();
    throw new FatalError(`Cannot open the embedded database in ${dataDir}: ${(err as Error).message}`);
  }
  // One shared connection: PGlite runs one query at a time, so a pool of one queues the rest.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    engine: 'pglite',
    pglite,
    url: undefined,
    close: async () => {
      await db.destroy();
      await pglite.close();
      lock?.release();
    },
  };
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.maxConnections ?? 10);
  return openPglite(options.dataDir, options.purpose ?? 'waymark');
}
