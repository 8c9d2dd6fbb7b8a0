/**
 * Incremental linking of one new person against many stored in PostgreSQL: a throwaway cluster
 * (Debian's PostgreSQL via test/pg-cluster.ts), `size` generated people loaded in bulk with their
 * search keys, then new people linked one at a time, each in its own transaction. A plain indexed
 * lookup (persons by phone) is timed in the same run as the baseline, and each statement of
 * `linkPerson` is timed on its own (through Kysely's query log).
 *
 *   npx tsx bench/linkage-incremental.ts N [--keep]   load N people, measure (--keep: leave the
 *                                                     cluster running and print its address)
 *   npx tsx bench/linkage-incremental.ts N --url URL  measure again on a kept cluster (no load;
 *                                                     new migrations are applied first)
 *   --shared-buffers SIZE                             restart the cluster with this shared_buffers
 *                                                     (e.g. 2GB; kept by the cluster until changed)
 *   --prewarm                                         read the linkage tables and people, with their
 *                                                     indexes, into shared buffers first (pg_prewarm),
 *                                                     as on a server that has been running a while
 *   --links N                                         new people to link (default 1,000; the first 50
 *                                                     are not timed)
 *   --read-back                                       linkPerson reads each new person back (as for
 *                                                     a changed one) instead of being given the row
 *                                                     its insert returned
 * The new people of a run are removed afterwards when the cluster is kept or reused, so that every
 * run starts from the same N stored people.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Kysely, PostgresDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import { startCluster } from '../test/pg-cluster';
import { insertHotline } from '../src/features/hotlines/store';
import { COLUMNS_OF, ROW_TO_RECORD, searchName } from '../src/features/linkage/entities';
import { refreshKeysAndFindCandidates } from '../src/features/linkage/incremental';
import { linkRecords } from '../src/features/linkage/engine/link';
import { prepare, type LinkRecord } from '../src/features/linkage/engine/record';
import { blockingHashes, linkPerson } from '../src/features/linkage/service';
import { saveModel } from '../src/features/linkage/store';
import { systemActor } from '../src/platform/audit/audit';
import { openDatabase } from '../src/platform/db/database';
import type { DB } from '../src/platform/db/schema';
import { migrate } from '../src/platform/db/migrate';
import { generatePeople } from './linkage-generate';

const CHUNK = 25_000;

class RolledBack extends Error {}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const personRow = (r: LinkRecord, id: string, hotlineId: string) => ({
  id,
  hotline_id: hotlineId,
  given_name: r.givenName ?? null,
  family_name: r.familyName ?? null,
  birth_date: r.birthDate && /^\d{4}-\d{2}-\d{2}$/.test(r.birthDate) ? r.birthDate : null,
  age_years: r.ageYears ?? null,
  age_recorded_at: r.ageRecordedAt ?? null,
  phones: r.phones ?? [],
  emails: r.emails ?? [],
});

export interface IncrementalOptions {
  /** Leave the cluster running and print its address. */
  keep?: boolean;
  /** A cluster an earlier run loaded with the same size and left running. */
  url?: string;
  /** shared_buffers to restart the cluster with before measuring (Debian's default is 128MB). */
  sharedBuffers?: string;
  /** Load the tables linking reads into shared buffers before measuring (pg_prewarm). */
  prewarm?: boolean;
  /** Have linkPerson read each new person back (statement 1) instead of being given it. */
  readBack?: boolean;
}

/** Restarts the cluster at `url` with another shared_buffers (ALTER SYSTEM, then pg_ctl restart). */
async function setSharedBuffers(url: string, size: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const dir = (await client.query<{ data_directory: string }>('show data_directory')).rows[0]!.data_directory;
  await client.query(`alter system set shared_buffers = '${size.replace(/[^0-9A-Za-z]/g, '')}'`);
  await client.end();
  const pgCtl =
    ['17', '16', '15'].map((v) => `/usr/lib/postgresql/${v}/bin/pg_ctl`).find((f) => existsSync(f)) ??
    'pg_ctl';
  const args = ['-D', dir, '-l', `${dir}/../log`, '-w', '-m', 'fast', 'restart'];
  const asRoot = process.getuid?.() === 0;
  execFileSync(asRoot ? 'runuser' : pgCtl, asRoot ? ['-u', 'postgres', '--', pgCtl, ...args] : args, {
    stdio: 'ignore',
  });
}

/** The statements of one `linkPerson`, named by what they begin with. */
const STATEMENT_NAMES: Array<[RegExp, string]> = [
  [/^\s*with recursive\s+component[\s\S]*as decided/, '1 record, cluster, decisions'],
  [/linkage_candidates\(|with gone as/, '2 keys refreshed, candidates read'],
  [/linkage_write_outcome\(/, '3 outcome: clusters, rejections, links, review, cluster ids, audit'],
  [/^\s*(begin|commit|start transaction)/i, 'begin + commit'],
];

export async function benchIncremental(
  size: number,
  queries = 1000,
  options: IncrementalOptions = {},
): Promise<string[]> {
  const cluster = options.url ? { url: options.url, stop: () => undefined } : await startCluster();
  if (options.sharedBuffers) await setSharedBuffers(cluster.url, options.sharedBuffers);
  const database = await openDatabase({ dataDir: '', databaseUrl: cluster.url, maxConnections: 2 });
  const statementTimes = new Map<string, number[]>();
  let timing = false;
  const timedPool = new pg.Pool({ connectionString: cluster.url, max: 1 });
  const timed = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: timedPool }),
    log: (e: LogEvent) => {
      if (!timing) return;
      const text = e.query.sql;
      const name = STATEMENT_NAMES.find(([re]) => re.test(text))?.[1] ?? `other: ${text.slice(0, 40)}`;
      const list = statementTimes.get(name) ?? [];
      list.push(e.queryDurationMillis);
      statementTimes.set(name, list);
    },
  });
  const fresh: string[] = [];
  const readExisting = options.readBack ?? false;
  try {
    await migrate(database.db);
    const db = database.db;
    // Only the new people are kept from here on: a server linking one person holds no million
    // records in memory, and the collector should not be marking them while links are timed.
    const { hotline, freshRecords, loadSeconds } = await storePeople(db, size, queries, Boolean(options.url));
    collectGarbage();
    const prewarmed = options.prewarm ? await prewarm(db) : null;

    const loadAverage = (): string =>
      os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' / ');
    const loadBefore = loadAverage();
    const who = systemActor('cli:bench', hotline.id);
    const linkTimes: number[] = [];
    const lookupTimes: number[] = [];
    let linked = 0;
    for (let q = 0; q < freshRecords.length; q++) {
      const r = freshRecords[q]!;
      const id = randomUUID();
      fresh.push(id);
      // As a caller that creates a person does: the insert returns what linkage compares, and
      // linkPerson is given it (a new person has no cluster, links or decisions to read).
      const { rows: inserted } = await sql<
        Record<string, unknown>
      >`insert into persons (id, hotline_id, given_name, family_name, birth_date, age_years, age_recorded_at, phones, emails)
        select id, hotline_id, given_name, family_name, birth_date, age_years, age_recorded_at, phones, emails
        from json_populate_recordset(null::persons, ${JSON.stringify([personRow(r, id, hotline.id)])})
        returning ${sql.raw(COLUMNS_OF.person)}`.execute(db);
      const record = readExisting ? undefined : ROW_TO_RECORD.person(inserted[0]!);
      timing = q >= 50;
      const t0 = process.hrtime.bigint();
      const outcome = await timed
        .transaction()
        .execute((trx) => linkPerson(trx, { hotlineId: hotline.id, who }, id, record));
      timing = false;
      const t1 = process.hrtime.bigint();
      const phone = r.phones?.[0] ?? '+16015550134';
      await db
        .selectFrom('persons')
        .select('id')
        .where('hotline_id', '=', hotline.id)
        .where(sql<boolean>`phones @> array[${phone}]::text[]`)
        .execute();
      const t2 = process.hrtime.bigint();
      // The first few warm the caches (model, plans) and are left out.
      if (q >= 50) {
        linkTimes.push(Number(t1 - t0) / 1e6);
        lookupTimes.push(Number(t2 - t1) / 1e6);
      }
      if (outcome.linked.length) linked++;
    }
    const loadAfter = loadAverage();
    // The close-spelling search alone, for every new name: linkage_candidates with no keys (so it
    // always searches close spellings), the name written too; rolled back.
    const trigramTimes: number[] = [];
    await timed
      .transaction()
      .execute(async (trx) => {
        for (const r of freshRecords) {
          const name = searchName(r);
          if (name.length < 3) continue;
          const t0 = process.hrtime.bigint();
          await refreshKeysAndFindCandidates(trx, hotline.id, 'person', randomUUID(), [], name, 60);
          trigramTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
        }
        throw new RolledBack();
      })
      .catch((e: unknown) => {
        if (!(e instanceof RolledBack)) throw e;
      });
    trigramTimes.sort((a, b) => a - b);
    linkTimes.sort((a, b) => a - b);
    lookupTimes.sort((a, b) => a - b);
    const ms = (x: number): string => x.toFixed(2);
    return [
      `| people stored | ${size.toLocaleString('en')} (${loadSeconds === null ? 'kept cluster, loaded earlier' : `bulk load with keys: ${loadSeconds.toFixed(0)} s`}) |`,
      `| shared buffers | ${await sharedBuffers(db)}${prewarmed === null ? '' : `, ${prewarmed} MB of people and linkage tables and indexes read in first (pg_prewarm)`} |`,
      `| load average (1 / 5 / 15 min) before and after linking | ${loadBefore}, ${loadAfter} |`,
      `| new people linked | ${linkTimes.length} timed (after 50 warm-up), ${linked} of ${freshRecords.length} joined a cluster |`,
      `| linkPerson p50 / p95 / p99 / max | ${ms(percentile(linkTimes, 50))} / ${ms(percentile(linkTimes, 95))} / ${ms(percentile(linkTimes, 99))} / ${ms(linkTimes.at(-1)!)} ms |`,
      `| the close-spelling search alone (linkage_candidates without keys; in linkPerson it runs only when keys find fewer than 10) p50 / p95 / p99 | ${ms(percentile(trigramTimes, 50))} / ${ms(percentile(trigramTimes, 95))} / ${ms(percentile(trigramTimes, 99))} ms |`,
      `| baseline: one indexed lookup (persons by phone, GIN) p50 / p95 / p99 | ${ms(percentile(lookupTimes, 50))} / ${ms(percentile(lookupTimes, 95))} / ${ms(percentile(lookupTimes, 99))} ms |`,
      ...[...statementTimes]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, times]) => {
          times.sort((a, b) => a - b);
          return `| statement ${name}: runs, p50 / p95 / p99 | ${times.length}, ${ms(percentile(times, 50))} / ${ms(percentile(times, 95))} / ${ms(percentile(times, 99))} ms |`;
        }),
    ];
  } finally {
    if (options.keep || options.url) await removeFresh(database.db, fresh);
    await timed.destroy();
    await database.close();
    if (options.keep) console.error(`cluster kept at ${cluster.url}`);
    else cluster.stop();
  }
}

/**
 * The stored people: generated and bulk loaded (or, on a kept cluster, found loaded), with the
 * hotline's model saved. Returns the hotline and the people still to link.
 */
async function storePeople(
  db: Kysely<DB>,
  size: number,
  queries: number,
  reuse: boolean,
): Promise<{ hotline: { id: string }; freshRecords: LinkRecord[]; loadSeconds: number | null }> {
  const { records } = generatePeople(size + queries, 7);
  const stored = records.slice(0, size);
  const freshRecords = records.slice(size);
  const existing = reuse
    ? await db.selectFrom('hotlines').select('id').where('name', '=', 'Benchmark hotline').executeTakeFirst()
    : undefined;
  const hotline = existing ?? (await insertHotline(db, { name: 'Benchmark hotline' }));
  let loadSeconds: number | null = null;
  if (!existing) loadSeconds = await load();

  async function load(): Promise<number> {
    const loadStarted = Date.now();
    // Bulk load as a restore would: secondary indexes dropped first and built once at the end.
    const tables = ['persons', 'linkage_keys', 'linkage_names'];
    const { rows: indexes } = await sql<{ name: string; def: string }>`
      select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
      from pg_index i join pg_class c on c.oid = i.indrelid
      where c.relname = any(${tables}::text[])
        and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`.execute(db);
    for (const ix of indexes) await sql`drop index ${sql.raw(ix.name)}`.execute(db);
    let pending: Promise<unknown> = Promise.resolve();
    for (let i = 0; i < stored.length; i += CHUNK) {
      const chunk = stored.slice(i, i + CHUNK).map((r) => ({ r, id: randomUUID() }));
      const rows = chunk.map(({ r, id }) => personRow(r, id, hotline.id));
      const keyIds: string[] = [];
      const keyHashes: number[] = [];
      const nameIds: string[] = [];
      const names: string[] = [];
      for (const { r, id } of chunk) {
        for (const h of new Set(blockingHashes(prepare(r)))) {
          keyIds.push(id);
          keyHashes.push(h);
        }
        const name = searchName(r);
        if (name) {
          nameIds.push(id);
          names.push(name);
        }
      }
      // The next chunk is prepared while this one is written (two connections).
      await pending;
      pending = Promise.all([
        sql`insert into persons (id, hotline_id, given_name, family_name, birth_date, age_years, age_recorded_at, phones, emails)
          select id, hotline_id, given_name, family_name, birth_date, age_years, age_recorded_at, phones, emails
          from json_populate_recordset(null::persons, ${JSON.stringify(rows)})`.execute(db),
        (async () => {
          await sql`insert into linkage_keys (hotline_id, entity_type, record_id, key_hash)
            select ${hotline.id}::uuid, 'person', r, k from unnest(${keyIds}::uuid[], ${keyHashes}::int[]) as t(r, k)`.execute(
            db,
          );
          await sql`insert into linkage_names (hotline_id, entity_type, record_id, name_norm)
            select ${hotline.id}::uuid, 'person', r, n from unnest(${nameIds}::uuid[], ${names}::text[]) as t(r, n)`.execute(
            db,
          );
        })(),
      ]);
      if ((i / CHUNK) % 10 === 0) console.error(`  loaded ${i + chunk.length} of ${size}`);
    }
    await pending;
    console.error(`  rows loaded in ${((Date.now() - loadStarted) / 1000).toFixed(0)} s; building indexes`);
    const queue = [...indexes];
    await Promise.all(
      [0, 1].map(async () => {
        for (let ix = queue.shift(); ix; ix = queue.shift()) {
          await db.connection().execute(async (c) => {
            await sql`set maintenance_work_mem = '1GB'`.execute(c);
            await sql.raw(ix.def).execute(c);
          });
        }
      }),
    );
    // As after any bulk import: statistics for the planner.
    await sql`vacuum analyze`.execute(db);
    return (Date.now() - loadStarted) / 1000;
  }
  // The hotline's model, estimated as a batch run would (on a sample, to keep the set-up short).
  const sample = stored.slice(0, Math.min(stored.length, 100_000));
  await saveModel(db, hotline.id, 'person', linkRecords(sample).params);
  return { hotline, freshRecords, loadSeconds };
}

/**
 * The people and linkage tables with their indexes read into shared buffers, as a server that has
 * been linking for a while has them; answers how many MB.
 */
async function prewarm(db: Kysely<DB>): Promise<number> {
  await sql`create extension if not exists pg_prewarm`.execute(db);
  const { rows } = await sql<{ blocks: string }>`
    select coalesce(sum(pg_prewarm(c.oid)), 0)::text as blocks
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'i')
      and (c.relname like 'linkage%' or c.relname like 'persons%')`.execute(db);
  return Math.round((Number(rows[0]!.blocks) * 8192) / 1e6);
}

async function sharedBuffers(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(db);
  return rows[0]!.shared_buffers;
}

/** A full collection now, so that the timed links do not pay for the load's garbage. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/** Takes a run's new people out again (links, review items, keys, names, cluster ids). */
async function removeFresh(db: Kysely<DB>, ids: string[]): Promise<void> {
  await sql`delete from linkage_links where record_a = any(${ids}::uuid[]) or record_b = any(${ids}::uuid[])`.execute(
    db,
  );
  await sql`delete from linkage_review_items where record_a = any(${ids}::uuid[]) or record_b = any(${ids}::uuid[])`.execute(
    db,
  );
  await sql`delete from linkage_keys where record_id = any(${ids}::uuid[])`.execute(db);
  await sql`delete from linkage_names where record_id = any(${ids}::uuid[])`.execute(db);
  await sql`update persons set cluster_id = null where cluster_id is not null`.execute(db);
  await sql`delete from persons where id = any(${ids}::uuid[])`.execute(db);
  await sql`vacuum analyze persons, linkage_keys, linkage_names`.execute(db);
}

if (process.argv[1]?.endsWith('linkage-incremental.ts')) {
  const n = Number(process.argv[2] ?? 100_000);
  const at = process.argv.indexOf('--url');
  const url = at >= 0 ? process.argv[at + 1] : undefined;
  const sb = process.argv.indexOf('--shared-buffers');
  const sharedBuffers = sb >= 0 ? process.argv[sb + 1] : undefined;
  const li = process.argv.indexOf('--links');
  const links = li >= 0 ? Number(process.argv[li + 1]) : 1000;
  console.log(
    (
      await benchIncremental(n, links, {
        keep: process.argv.includes('--keep'),
        ...(url ? { url } : {}),
        ...(sharedBuffers ? { sharedBuffers } : {}),
        readBack: process.argv.includes('--read-back'),
        prewarm: process.argv.includes('--prewarm'),
      })
    ).join('\n'),
  );
}
