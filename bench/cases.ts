/**
 * `npm run bench:cases [-- --cases 1000000]`: the case page and search through the real API (HTTP
 * handling, policy, validation, audit row, response schema) next to the plain SQL for the same data,
 * in the same run, on a throwaway PostgreSQL cluster loaded with generate_series.
 */
import { createWaymark } from '../src/app';
import { currentTotp } from '../src/features/accounts/totp';
import { createUser } from '../src/features/accounts/users';
import { insertHotline } from '../src/features/hotlines/store';
import { systemActor } from '../src/platform/audit/audit';
import { loadConfig } from '../src/platform/config';
import { openDatabase } from '../src/platform/db/database';
import { migrate, readMigrations } from '../src/platform/db/migrate';
import { MATCH_CAP, type Filters } from '../src/features/search/matches';
import { pageStatement } from '../src/features/search/page';
import { modeOf } from '../src/features/search/search';
import { lookAlikesOf, lookAlikesStatement, type LookAlikes } from '../src/features/search/words';
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import { startCluster } from '../test/pg-cluster';
import { generateCases } from './cases-data';
import { clusterActivity, installStageTimer, reportStages, stopStageTimer, traced } from './cases-stages';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const CASES = Number(arg('cases', '1000000'));
/** Measure again on a cluster an earlier run loaded (and left running with --keep): no load. */
const REUSE_URL = arg('url', '');
const KEEP = process.argv.includes('--keep');
const RUNS = Number(arg('runs', '400'));
/**
 * `--only case-page`: the case page alone, with its breakdown by stage. `--only filtered-search`:
 * the searches by a common word with a filter alone.
 */
const ONLY = arg('only', '');

function percentiles(times: number[]): { p50: number; p99: number } {
  const s = [...times].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99) };
}

async function timeEach<T>(
  inputs: T[],
  work: (input: T) => Promise<unknown>,
): Promise<{ p50: number; p99: number }> {
  for (const x of inputs.slice(0, 20)) await work(x); // warm the cache and the plans
  const times: number[] = [];
  for (const x of inputs) {
    const t = process.hrtime.bigint();
    await work(x);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  // The slowest inputs, so that a slow query of the sample can be explained afterwards.
  const slowest = times
    .map((ms, i) => ({ ms, input: inputs[i] }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
    .map((s) => `${s.ms.toFixed(1)} ms ${JSON.stringify(s.input)}`);
  console.log(`  slowest: ${slowest.join('; ')}`);
  return percentiles(times);
}

/** Single words thousands of people share, searched with a filter on their cases. */
const FILTERED_WORDS = ['george', 'maria', 'smith', 'james', 'garcia', 'johnson'];
const STATES = ['TX', 'CA', 'NY', 'FL', 'GA', 'OH', 'WA', 'NV', 'AZ', 'IL', 'MI'];
const STATUSES = ['open', 'active', 'referred', 'monitoring', 'closed'];
const TYPES = ['sex', 'labor', 'sex_and_labor', 'not_specified'];

const cluster = REUSE_URL ? { url: REUSE_URL, stop: () => undefined } : await startCluster();
const database = await openDatabase({ dataDir: '', databaseUrl: cluster.url, maxConnections: 4 });
const plain = new pg.Client({ connectionString: cluster.url });
try {
  // A reused cluster gets the migrations added since it was loaded (each applies once), but only
  // those committed: one still being written elsewhere would stop every later run on its checksum.
  const committed = new Set(
    execFileSync('git', ['ls-files', 'migrations'], { encoding: 'utf8' })
      .split('\n')
      .map((f) => f.replace(/^migrations\//, '')),
  );
  const migrations = readMigrations();
  const skipped = migrations.filter((m) => !committed.has(`${m.version}_${m.name}.sql`));
  if (skipped.length) console.log(`not applied (not committed): ${skipped.map((m) => m.version).join(', ')}`);
  await migrate(
    database.db,
    migrations.filter((m) => committed.has(`${m.version}_${m.name}.sql`)),
  );
  const db = database.db;
  const password = 'a long enough password';
  let hotlineId: string;
  let user: { id: string; email: string };
  const existing = await db
    .selectFrom('users')
    .select(['id', 'email', 'hotline_id'])
    .where('email', '=', 'bench@example.org')
    .executeTakeFirst();
  if (REUSE_URL && existing) {
    hotlineId = existing.hotline_id;
    user = existing;
    await db.deleteFrom('sessions').where('user_id', '=', existing.id).execute();
    await db
      .updateTable('users')
      .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null })
      .where('id', '=', existing.id)
      .execute();
  } else {
    hotlineId = (await insertHotline(db, { name: 'Bench hotline' })).id;
    user = await createUser(db, systemActor('cli:bench', hotlineId), {
      hotlineId,
      email: 'bench@example.org',
      displayName: 'Bench advocate',
      role: 'advocate',
      password,
    });
    const t0 = Date.now();
    console.log(`generating ${CASES} cases, ${CASES * 2} people`);
    await generateCases(db, hotlineId, user.id, CASES, console.log);
    console.log(`loaded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }

  const config = loadConfig({}, { logLevel: 'silent', dataDir: 'memory://', port: 0 });
  const { http } = await createWaymark({ config, database, logger: false });
  installStageTimer(http, plain);
  await http.ready();
  const login = await http.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: user.email, password },
  });
  const cookie = `wm_session=${login.cookies.find((c) => c.name === 'wm_session')?.value}`;
  const { secret } = (
    await http.inject({ method: 'POST', url: '/api/auth/enrolment', headers: { cookie } })
  ).json<{ secret: string }>();
  await http.inject({
    method: 'POST',
    url: '/api/auth/enrolment/confirm',
    headers: { cookie },
    payload: { code: currentTotp(secret) },
  });
  await plain.connect();
  // The same settings the search takes for itself: no parallel workers for queries this small, no JIT.
  await plain.query('set max_parallel_workers_per_gather = 0');
  await plain.query('set synchronize_seqscans = off');
  await plain.query('set jit = off');

  const ids = (
    await sql<{
      id: string;
    }>`select id from cases where hotline_id = ${hotlineId} order by random() limit ${RUNS * 2}`.execute(db)
  ).rows.map((r) => r.id);
  const names = (
    await sql<{
      name: string;
    }>`select full_name as name from persons tablesample system (1) where full_name is not null limit ${RUNS}`.execute(
      db,
    )
  ).rows.map((r) => r.name);
  // Names whose every word thousands of people share ("George George": George is a first and a
  // family name) and single common words: the slowest kind of name search. Some are mixed into the
  // sample of names as written, and they have a row of their own.
  const commonNames = [
    ...(
      await sql<{
        name: string;
      }>`select distinct full_name as name from persons
          where split_part(full_name, ' ', 1) = split_part(full_name, ' ', 2) order by 1`.execute(db)
    ).rows.map((r) => r.name),
    'Maria',
    'Smith',
    'Maria Garcia',
  ];
  names.splice(0, commonNames.length, ...commonNames);
  console.log(`common-word names: ${commonNames.join(', ')}`);
  const phones = (
    await sql<{
      phone: string;
    }>`select phones[1] as phone from persons tablesample system (1) limit ${RUNS}`.execute(db)
  ).rows.map((r) => r.phone.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '($1) $2-$3'));

  const emails = (
    await sql<{
      email: string;
    }>`select emails[1] as email from persons where cardinality(emails) > 0 order by random() limit ${RUNS}`.execute(
      db,
    )
  ).rows.map((r) => r.email.toUpperCase());
  // A business as someone would name it: "Smith Inn", without the number that makes each unique.
  const businessNames = (
    await sql<{
      name: string;
    }>`select regexp_replace(name, ' [0-9]+$', '') as name from businesses order by random() limit ${RUNS}`.execute(
      db,
    )
  ).rows.map((r) => r.name);
  const addresses = (
    await sql<{
      address: string;
    }>`select address from locations order by random() limit ${RUNS}`.execute(db)
  ).rows.map((r) => r.address);

  const get = async (url: string) => {
    const res = await http.inject({ method: 'GET', url, headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  };
  // The plain SQL: the same case page data in one round trip per part, without HTTP, policy or audit.
  const casePageSql = async (id: string) => {
    await plain.query('select * from cases where hotline_id = $1 and id = $2', [hotlineId, id]);
    await plain.query(
      `select p.* , cp.role from case_persons cp join persons p on p.id = cp.person_id where cp.hotline_id = $1 and cp.case_id = $2`,
      [hotlineId, id],
    );
    await plain.query('select * from locations where hotline_id = $1 and case_id = $2', [hotlineId, id]);
    await plain.query(
      'select b.* from case_businesses cb join businesses b on b.id = cb.business_id where cb.hotline_id = $1 and cb.case_id = $2',
      [hotlineId, id],
    );
    await plain.query('select * from tasks where hotline_id = $1 and case_id = $2', [hotlineId, id]);
    await plain.query(
      'select * from notes where hotline_id = $1 and case_id = $2 order by created_at desc limit 30',
      [hotlineId, id],
    );
  };
  // The plain SQL for a search: the API's own statements (the look-alike words of a name or
  // address, then the page), sent through a bare client, without HTTP, policy, validation or audit.
  const searchSql = async (text: string, filters: Filters = {}) => {
    const { mode, value } = modeOf(text);
    let words: LookAlikes | null = null;
    if (mode === 'name') {
      const w = lookAlikesStatement(hotlineId, value).compile(db);
      words = lookAlikesOf((await plain.query(w.sql, [...w.parameters])).rows);
    }
    const page = pageStatement({
      hotlineId,
      mode,
      value,
      words,
      cap: MATCH_CAP,
      limit: 20,
      after: undefined,
      ...filters,
    });
    const p = page.compile(db);
    await plain.query(p.sql, [...p.parameters]);
  };
  // Drop one letter from the first name: "jasmine carter" -> "jasmne carter".
  const typos = names.map((n) => n.replace(/^(\w{2,})\w(\w*)/, '$1$2'));

  const rows: string[] = [];
  const row = (what: string, api: { p50: number; p99: number }, base: { p50: number; p99: number }) => {
    const line = `| ${what} | ${api.p50.toFixed(1)} | ${api.p99.toFixed(1)} | ${base.p50.toFixed(1)} | ${base.p99.toFixed(1)} |`;
    console.log(line);
    rows.push(line);
  };
  console.log(
    `load average at the start: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  if (ONLY !== 'filtered-search') {
    const traces: Array<Record<string, number>> = [];
    const before = await clusterActivity(plain);
    row(
      'case page `GET /api/cases/:id`',
      // Different cases for each, so that neither reads pages the other just brought into the cache.
      await timeEach(ids.slice(0, RUNS), async (id) => {
        traces.push(await traced(() => get(`/api/cases/${id}`)));
      }),
      await timeEach(ids.slice(RUNS), casePageSql),
    );
    const after = await clusterActivity(plain);
    stopStageTimer();
    const stages = reportStages(traces.slice(20));
    const background = Object.keys(after)
      .map((k) => `${k} ${(after[k] ?? 0) - (before[k] ?? 0)}`)
      .join(', ');
    console.log(
      `\ncase page by stage (API), ${RUNS} requests, load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}; meanwhile in the cluster: ${background}\n${stages}\n`,
    );
  } else stopStageTimer();
  if (ONLY === '') {
    row(
      'search by name as written `GET /api/search?q=`',
      await timeEach(names, (n) => get(`/api/search?q=${encodeURIComponent(n)}`)),
      await timeEach(names, searchSql),
    );
    const common = Array.from(
      { length: Math.max(commonNames.length, RUNS / 2) },
      (_, i) => commonNames[i % commonNames.length]!,
    );
    row(
      'search by a name whose every word is common `GET /api/search?q=`',
      await timeEach(common, (n) => get(`/api/search?q=${encodeURIComponent(n)}`)),
      await timeEach(common, searchSql),
    );
  }
  if (ONLY === '' || ONLY === 'filtered-search') {
    // A common word with a filter: most of its thousands of matches fail the filter, so a tier
    // bounded after the filter reads them all unless the filter is checked as cheaply as the name.
    const filtered = (make: (i: number) => Filters) =>
      Array.from({ length: RUNS / 2 }, (_, i) => ({
        q: FILTERED_WORDS[i % FILTERED_WORDS.length]!,
        ...make(i),
      }));
    const url = (f: Filters & { q: string }) =>
      `/api/search?${new URLSearchParams(Object.entries(f).filter((e): e is [string, string] => !!e[1])).toString()}`;
    for (const [what, inputs] of [
      ['state', filtered((i) => ({ state: STATES[(i * 7) % STATES.length] }))],
      ['status', filtered((i) => ({ status: STATUSES[i % STATUSES.length] }))],
      ['type', filtered((i) => ({ type: TYPES[i % TYPES.length] }))],
      [
        'state and status',
        filtered((i) => ({ state: STATES[(i * 7) % STATES.length], status: STATUSES[i % STATUSES.length] })),
      ],
    ] as const) {
      row(
        `search by a common word with a ${what} filter \`GET /api/search?q=&${what.replace(' and ', '=&')}=\``,
        await timeEach([...inputs], (f) => get(url(f))),
        await timeEach([...inputs], ({ q, ...f }) => searchSql(q, f)),
      );
    }
  }
  if (ONLY === '') {
    row(
      'search by misspelled name `GET /api/search?q=`',
      await timeEach(typos.slice(0, 100), (n) => get(`/api/search?q=${encodeURIComponent(n)}`)),
      await timeEach(typos.slice(0, 100), searchSql),
    );
    row(
      'search by email (exact) `GET /api/search?q=`',
      await timeEach(emails, (e) => get(`/api/search?q=${encodeURIComponent(e)}`)),
      await timeEach(emails, searchSql),
    );
    row(
      'search by business name `GET /api/search?q=`',
      await timeEach(businessNames, (n) => get(`/api/search?q=${encodeURIComponent(n)}`)),
      await timeEach(businessNames, searchSql),
    );
    row(
      'search by address `GET /api/search?q=`',
      await timeEach(addresses, (a) => get(`/api/search?q=${encodeURIComponent(a)}`)),
      await timeEach(addresses, searchSql),
    );
    row(
      'search by phone (exact) `GET /api/search?q=`',
      await timeEach(phones, (p) => get(`/api/search?q=${encodeURIComponent(p)}`)),
      await timeEach(phones, searchSql),
    );
    row(
      'case list, first page `GET /api/cases?status=open`',
      await timeEach(ids.slice(0, 100), () => get('/api/cases?status=open')),
      await timeEach(ids.slice(0, 100), () =>
        plain.query(
          `select * from cases where hotline_id = $1 and status = 'open' order by identified_at desc, id desc limit 26`,
          [hotlineId],
        ),
      ),
    );
  }
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(1))
      .join(' ');
  console.log(`\nload average at the end: ${load()}`);
  console.log(
    '\n| request | API p50 ms | API p99 ms | plain SQL p50 ms | plain SQL p99 ms |\n|---|---|---|---|---|',
  );
  for (const r of rows) console.log(r);
  await http.close();
} finally {
  await plain.end().catch(() => undefined);
  await database.close();
  if (KEEP) console.log(`cluster kept at ${cluster.url}`);
  else cluster.stop();
}
