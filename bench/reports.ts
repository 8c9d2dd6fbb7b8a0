/**
 * `npm run bench:reports [-- --engine pg|pglite|both] [-- --pglite-scale 0.25] [-- --load triggers]`:
 * times the State Spotlight on a generated ten-year national dataset, next to one hand-written SQL
 * query computing the same counts, in the same run. PostgreSQL runs in a throwaway cluster; PGlite
 * in a temp folder. `--load triggers` keeps every index and fills the statistics facts through the
 * triggers during the load instead of building them afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { insertHotline } from '../src/features/hotlines/store';
import { spotlight, spotlights } from '../src/features/statistics/spotlight';
import { STATE_CODES } from '../src/features/statistics/vocabulary';
import { openDatabase, type Database } from '../src/platform/db/database';
import { migrate } from '../src/platform/db/migrate';
import { startCluster } from '../test/pg-cluster';
import { baseline } from './reports-baseline';
import { FULL, generate, type BenchSize } from './reports-data';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};

async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  await work(); // warm the cache and the plan
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

async function measure(
  database: Database,
  label: string,
  size: BenchSize,
  loaded?: string,
): Promise<string[]> {
  await migrate(database.db);
  let hotlineId = loaded;
  if (!hotlineId) {
    hotlineId = (await insertHotline(database.db, { name: 'Bench hotline' })).id;
    const t = Date.now();
    console.log(`${label}: generating ${size.cases} cases, ${size.persons} people, ${size.signals} signals`);
    await generate(database.db, hotlineId, size, console.log, { bulk: arg('load', 'bulk') === 'bulk' });
    console.log(`${label}: loaded in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
  const period = { from: '2019-01-01', to: '2019-12-31', asOf: '2020-07-30' };
  const raw = {
    hotlineId,
    from: new Date('2019-01-01T00:00:00Z'),
    to: new Date('2020-01-01T00:00:00Z'),
    before: new Date('2020-07-31T00:00:00Z'),
  };
  const one = await spotlight(database.db, { hotlineId, state: 'MS', ...period });
  console.log(
    `${label}: MS 2019 has ${one.cases.total} cases, ${one.victimsIdentified} victims, ${one.signals.total} signals`,
  );
  const rows: string[] = [];
  const oneState = await median(9, () => spotlight(database.db, { hotlineId, state: 'MS', ...period }));
  const oneBase = await median(9, () => baseline(database.db, { ...raw, states: ['MS'] }));
  rows.push(
    `| ${label} | one state-year Spotlight (MS 2019) | ${oneState.toFixed(1)} ms | ${oneBase.toFixed(1)} ms | ${(oneState / oneBase).toFixed(2)} |`,
  );
  const all = await median(3, () => spotlights(database.db, { hotlineId, states: STATE_CODES, ...period }));
  const allBase = await median(3, () => baseline(database.db, { ...raw, states: [...STATE_CODES] }));
  rows.push(
    `| ${label} | all 51 states, 2019 | ${all.toFixed(0)} ms | ${allBase.toFixed(0)} ms | ${(all / allBase).toFixed(2)} |`,
  );
  const national = await median(3, () => spotlight(database.db, { hotlineId, state: null, ...period }));
  rows.push(`| ${label} | national Spotlight, 2019 | ${national.toFixed(0)} ms | – | – |`);
  for (const r of rows) console.log(r);
  return rows;
}

const existing = arg('url', '');
// With --url only the kept cluster is measured, unless --engine asks for PGlite too.
const engine = arg('engine', existing ? 'pg' : 'both');
const results: string[] = [];
if (existing) {
  // A database bench/reports-keep.ts loaded: `--url URL --hotline ID`.
  const database = await openDatabase({ dataDir: '', databaseUrl: existing, maxConnections: 4 });
  try {
    results.push(...(await measure(database, 'PostgreSQL 15', FULL, arg('hotline', ''))));
  } finally {
    await database.close();
  }
} else if (engine === 'pg' || engine === 'both') {
  const cluster = await startCluster();
  const database = await openDatabase({ dataDir: '', databaseUrl: cluster.url, maxConnections: 4 });
  try {
    results.push(...(await measure(database, 'PostgreSQL 15', FULL)));
  } finally {
    await database.close();
    cluster.stop();
  }
}
if (engine === 'pglite' || engine === 'both') {
  const scale = Number(arg('pglite-scale', '1'));
  const size = {
    cases: Math.round(FULL.cases * scale),
    persons: Math.round(FULL.persons * scale),
    signals: Math.round(FULL.signals * scale),
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-'));
  const database = await openDatabase({ dataDir: path.join(dir, 'data'), purpose: 'bench:reports' });
  try {
    results.push(
      ...(await measure(database, `PGlite (${scale === 1 ? 'full size' : `${scale} of full size`})`, size)),
    );
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log('\n| engine | report | Waymark | hand-written SQL | ratio |\n|---|---|---|---|---|');
for (const r of results) console.log(r);
