/**
 * A ten-year national dataset made inside the database with generate_series (the quickest bulk
 * load on both engines): 500,000 cases, 1,000,000 people, 2,000,000 signals by default.
 * Ids are md5-derived uuids so that tables can refer to each other without a round trip.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/platform/db/schema';
import { IMPORT_TABLES } from '../src/features/imports/load';
import { STATE_CODES } from '../src/features/statistics/vocabulary';

export interface BenchSize {
  cases: number;
  persons: number;
  signals: number;
}

export const FULL: BenchSize = { cases: 500_000, persons: 1_000_000, signals: 2_000_000 };

/** The tables the load writes (an import's and the statistics facts), indexed after it. */
const LOADED = [
  ...IMPORT_TABLES,
  'stat_case_states',
  'stat_signal_states',
  'stat_case_persons',
  'stat_case_venues',
];
const STAT_TRIGGERS: Array<[string, string]> = [
  ['signals', 'stat_signals_inserted'],
  ['case_signals', 'stat_case_signals_inserted'],
  ['locations', 'stat_locations_inserted'],
  ['case_persons', 'stat_case_persons_inserted'],
];

/** Drops the indexes that back no constraint on the loaded tables; returns their definitions. */
async function dropSecondaryIndexes(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ name: string; def: string }>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i join pg_class t on t.oid = i.indrelid
    where t.relname = any(${LOADED}::text[]) and t.relnamespace = 'public'::regnamespace
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`.execute(db);
  for (const r of rows) await sql.raw(`drop index ${r.name}`).execute(db);
  return rows.map((r) => r.def);
}

export async function generate(
  db: Kysely<DB>,
  hotlineId: string,
  n: BenchSize,
  log: (s: string) => void,
  options: { bulk?: boolean } = {},
): Promise<void> {
  const states = sql.lit(`{${STATE_CODES.join(',')}}`);
  const venues = sql.lit(
    '{hotel_motel,residence,street,truck_stop,massage_spa,online_ad,farm,construction_site,restaurant,factory,other}',
  );
  const step = async (label: string, q: ReturnType<typeof sql>): Promise<void> => {
    const t = Date.now();
    await q.execute(db);
    log(`  ${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };
  const bulk = options.bulk ?? true;
  // Name-search indexes serve record linkage, not reports: built once after the load, not per row.
  await step(
    'drop name indexes',
    sql`drop index if exists persons_name_trgm_idx; drop index if exists businesses_name_trgm_idx`,
  );
  // A bulk load as an operator would do it: secondary indexes built once afterwards, and the
  // statistics facts (migrations 0008, 0012) filled in one pass instead of by the per-statement triggers.
  const indexes = bulk ? await dropSecondaryIndexes(db) : [];
  if (bulk)
    await step(
      'statistics triggers off',
      sql.raw(STAT_TRIGGERS.map(([t, n]) => `alter table ${t} disable trigger ${n};`).join('\n')),
    );
  // Cases spread over 2010-2019; a tenth recorded a month late.
  await step(
    'cases',
    sql`insert into cases (id, hotline_id, reference_code, trafficking_type, identified_at, created_at, updated_at)
    select md5('c' || i)::uuid, ${hotlineId}::uuid, 'B-' || i,
      (array['sex','sex','sex','sex','sex','sex','sex','labor','sex_and_labor','not_specified'])[1 + i % 10],
      timestamptz '2010-01-01' + (i % 3652) * interval '1 day' + (i % 86400) * interval '1 second',
      timestamptz '2010-01-01' + (i % 3652) * interval '1 day' + (case when i % 10 = 0 then 30 else 1 end) * interval '1 day',
      now()
    from generate_series(1, ${n.cases}) i`,
  );
  await step(
    'locations',
    sql`insert into locations (hotline_id, case_id, venue_type, state, created_at, updated_at)
    select ${hotlineId}::uuid, md5('c' || i)::uuid, (${venues}::text[])[1 + (i * 7) % 11],
      (${states}::text[])[1 + (i * 13) % 51], timestamptz '2010-01-01' + (i % 3652) * interval '1 day', now()
    from generate_series(1, ${n.cases}) i
    union all
    select ${hotlineId}::uuid, md5('c' || i)::uuid, (${venues}::text[])[1 + (i * 3) % 11],
      (${states}::text[])[1 + (i * 29) % 51], timestamptz '2010-01-01' + (i % 3652) * interval '1 day', now()
    from generate_series(1, ${n.cases}, 8) i`,
  );
  // People: 60% victims, 40% traffickers; one in ten shares a cluster with the next person.
  await step(
    'persons',
    sql`insert into persons (id, hotline_id, full_name, gender, age_years, cluster_id, created_at, updated_at)
    select md5('p' || i)::uuid, ${hotlineId}::uuid, 'Person ' || i,
      (array['female','female','male','gender_minority',null])[1 + i % 5], 12 + i % 50,
      case when i % 10 in (1, 2) then md5('k' || (i - i % 10))::uuid end,
      timestamptz '2010-01-01', now()
    from generate_series(1, ${n.persons}) i`,
  );
  await step(
    'case_persons',
    sql`insert into case_persons (case_id, person_id, hotline_id, role, is_minor, created_at)
    select md5('c' || (1 + i % ${n.cases}))::uuid, md5('p' || i)::uuid, ${hotlineId}::uuid,
      case when i % 5 < 3 then 'victim' else 'trafficker' end, case when i % 7 = 0 then true end,
      timestamptz '2010-01-01' + ((1 + i % ${n.cases}) % 3652) * interval '1 day'
    from generate_series(1, ${n.persons}) i`,
  );
  await step(
    'case_person_groups',
    sql`insert into case_person_groups (case_id, hotline_id, role, count, created_at)
    select md5('c' || i)::uuid, ${hotlineId}::uuid, 'victim', 2 + i % 6, timestamptz '2010-01-01' + (i % 3652) * interval '1 day'
    from generate_series(1, ${n.cases}, 20) i`,
  );
  await step(
    'businesses',
    sql`insert into businesses (id, hotline_id, name, created_at, updated_at)
    select md5('b' || i)::uuid, ${hotlineId}::uuid, 'Business ' || i, timestamptz '2010-01-01', now()
    from generate_series(1, ${Math.round(n.cases / 10)}) i`,
  );
  await step(
    'case_businesses',
    sql`insert into case_businesses (case_id, business_id, hotline_id, created_at)
    select md5('c' || i)::uuid, md5('b' || (1 + i % ${Math.round(n.cases / 10)}))::uuid, ${hotlineId}::uuid,
      timestamptz '2010-01-01' + (i % 3652) * interval '1 day'
    from generate_series(1, ${n.cases}, 5) i`,
  );
  const signalers = Math.round(n.signals / 2);
  await step(
    'signalers',
    sql`insert into signalers (id, hotline_id, role, created_at, updated_at)
    select md5('s' || i)::uuid, ${hotlineId}::uuid,
      (array['victim_survivor','family_friend','community_member','service_provider','law_enforcement','other'])[1 + i % 6],
      timestamptz '2010-01-01', now()
    from generate_series(1, ${signalers}) i`,
  );
  // Signals: one in seven names no state (it counts where its case is), one in ten is non-substantive.
  await step(
    'signals',
    sql`insert into signals (id, hotline_id, reference_code, channel, received_at, signaler_id, state, category, created_at, updated_at)
    select md5('g' || i)::uuid, ${hotlineId}::uuid, 'G-' || i,
      (array['phone','phone','phone','phone','phone','phone','phone','webform','email','text','text','webchat'])[1 + i % 12],
      timestamptz '2010-01-01' + ((1 + i % ${n.cases}) % 3652) * interval '1 day',
      md5('s' || (1 + i % ${signalers}))::uuid,
      case when i % 7 = 0 then null else (${states}::text[])[1 + ((1 + i % ${n.cases}) * 13) % 51] end,
      case when i % 10 = 0 then 'non_substantive' else 'tip' end,
      timestamptz '2010-01-01' + ((1 + i % ${n.cases}) % 3652) * interval '1 day', now()
    from generate_series(1, ${n.signals}) i`,
  );
  await step(
    'case_signals',
    sql`insert into case_signals (case_id, signal_id, hotline_id, linked_at)
    select md5('c' || (1 + i % ${n.cases}))::uuid, md5('g' || i)::uuid, ${hotlineId}::uuid,
      timestamptz '2010-01-01' + ((1 + i % ${n.cases}) % 3652) * interval '1 day'
    from generate_series(1, ${n.signals}) i where i % 2 = 0 or i % 7 = 0`,
  );
  if (bulk) {
    for (const def of indexes) await step(`index ${/INDEX (\S+)/.exec(def)?.[1] ?? ''}`, sql.raw(def));
    await step(
      'statistics facts',
      sql`insert into stat_case_states (case_id, state, hotline_id, identified_at, trafficking_type, counted_from)
        select case_id, state, hotline_id, identified_at, trafficking_type, counted_from from stat_case_states_v;
      insert into stat_case_venues (case_id, state, venue_type, hotline_id, identified_at, counted_from)
        select case_id, state, venue_type, hotline_id, identified_at, counted_from from stat_case_venues_v;
      insert into stat_case_persons (case_id, state, person_id, role, hotline_id, identified_at, counted_from,
          who, gender, minor)
        select case_id, state, person_id, role, hotline_id, identified_at, counted_from, who, gender, minor
        from stat_case_persons_v;
      insert into stat_signal_states (signal_id, state, hotline_id, received_at, channel, signaler_id, counted_from,
          signaler_role, signaler_who)
        select signal_id, state, hotline_id, received_at, channel, signaler_id, counted_from,
          signaler_role, signaler_who
        from stat_signal_states_v`,
    );
    await step(
      'statistics triggers on',
      sql.raw(STAT_TRIGGERS.map(([t, n]) => `alter table ${t} enable trigger ${n};`).join('\n')),
    );
  }
  await step(
    'name indexes',
    sql`create index persons_name_trgm_idx on persons using gin (full_name gin_trgm_ops);
    create index businesses_name_trgm_idx on businesses using gin (name gin_trgm_ops)`,
  );
  // As autovacuum would have by the time anyone reads a report: statistics and the visibility map.
  await step('vacuum analyze', sql`vacuum analyze`);
}
