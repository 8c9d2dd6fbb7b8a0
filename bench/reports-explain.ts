/** Prints the plan of the Spotlight statement on the kept benchmark cluster (bench/reports-keep.ts). */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { metricsSql } from '../src/features/statistics/store';
import { STATE_CODES } from '../src/features/statistics/vocabulary';
import type { DB } from '../src/platform/db/schema';

const [url, hotlineId] = readFileSync('/tmp/bench-url', 'utf8').trim().split(' ');
const pool = new pg.Pool({ connectionString: url });
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
const states = process.argv[2] === 'all' ? STATE_CODES : process.argv[2] === 'us' ? null : ['MS'];
const c = metricsSql({
  hotlineId: hotlineId!,
  states,
  from: new Date('2019-01-01T00:00:00Z'),
  to: new Date('2020-01-01T00:00:00Z'),
  recordedBefore: new Date('2020-07-31T00:00:00Z'),
}).compile(db);
for (let i = 0; i < 2; i++) {
  const r = await pool.query<{ 'QUERY PLAN': string }>(
    `explain (analyze, buffers) ${c.sql}`,
    c.parameters as unknown[],
  );
  if (i === 1) console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
}
await db.destroy();
