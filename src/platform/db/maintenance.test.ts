import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, signIn, startTestApp, type TestApp } from '../../../test/helpers/app';
import { onPostgres, openTestDatabase } from '../../../test/helpers/database';
import { startCluster, type Cluster } from '../../../test/pg-cluster';
import { openDatabase, type Database } from './database';
import { decide, planMaintenance, runMaintenance, startMaintenance } from './maintenance';

let app: TestApp;
let database: Database;

// Upkeep is for the embedded database: these run on PGlite whichever engine the suite is on.
beforeAll(async () => {
  app = await startTestApp({}, { embedded: true });
  database = app.database;
});
afterAll(async () => {
  await app.close();
});

async function estimatedRows(query: string): Promise<number> {
  const { rows } = await database.pool.query<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>(
    `explain (format json) ${query}`,
  );
  return rows[0]!['QUERY PLAN'][0]!.Plan['Plan Rows'];
}

async function tableStats(table: string): Promise<{ dead: number; pages: number; reltuples: number }> {
  await database.pool.query('select pg_stat_force_next_flush()');
  const { rows } = await database.pool.query<{ dead: number; pages: number; reltuples: number }>(
    `select s.n_dead_tup::int as dead, c.reltuples::float8 as reltuples,
            (pg_relation_size(c.oid) / current_setting('block_size')::int)::int as pages
       from pg_stat_user_tables s join pg_class c on c.oid = s.relid
      where s.schemaname = 'public' and s.relname = $1`,
    [table],
  );
  return rows[0]!;
}

describe('maintenance of the embedded database', () => {
  it('analyzes a table that has grown, so the planner expects the rows it holds', async () => {
    await database.pool.query('create table maint_grown (id int primary key, kind text not null)');
    // Statistics taken while the table was empty, as on the first day of a new hotline.
    await database.pool.query('analyze maint_grown');
    await database.pool.query(
      `insert into maint_grown select g, case when g % 10 = 0 then 'rare' else 'common' end
         from generate_series(1, 20000) g`,
    );
    const before = await estimatedRows(`select * from maint_grown where kind = 'common'`);
    expect(before).toBeLessThan(2000);
    const plan = await planMaintenance(database);
    expect(plan.find((w) => w.table === 'maint_grown')?.actions).toContain('analyze');

    const result = await runMaintenance(database);
    expect(result.ran).toBe(true);
    expect(result.steps.map((s) => s.table)).toContain('maint_grown');
    const after = await estimatedRows(`select * from maint_grown where kind = 'common'`);
    expect(after).toBeGreaterThan(16000);
    expect(after).toBeLessThan(20000);
    // Done: a second round leaves the table alone.
    expect((await planMaintenance(database)).map((w) => w.table)).not.toContain('maint_grown');
  });

  it('makes a plan the session keeps again (as PL/pgSQL functions keep theirs) once the table has grown', async () => {
    await database.pool.query('create table maint_kept (id int primary key, kind text not null)');
    await database.pool.query('analyze maint_kept');
    const kept = async (): Promise<number> => {
      const { rows } = await database.pool.query<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>(
        `explain (format json) execute maint_kept_plan('common')`,
      );
      return rows[0]!['QUERY PLAN'][0]!.Plan['Plan Rows'];
    };
    await database.pool.query('set plan_cache_mode = force_generic_plan');
    try {
      await database.pool.query('prepare maint_kept_plan(text) as select * from maint_kept where kind = $1');
      expect(await kept()).toBe(1);
      await database.pool.query(
        `insert into maint_kept select g, case when g % 10 = 0 then 'rare' else 'common' end
           from generate_series(1, 20000) g`,
      );
      expect(await kept()).toBe(1); // still the plan made for the empty table
      await runMaintenance(database);
      expect(await kept()).toBeGreaterThan(5000);
    } finally {
      await database.pool.query('deallocate all');
      await database.pool.query('reset plan_cache_mode');
    }
  });

  it('vacuums a table after many deletes, so re-inserted rows reuse the space', async () => {
    await database.pool.query('create table maint_churn (id int primary key, body text not null)');
    const fill = `insert into maint_churn select g, repeat('x', 200) from generate_series(1, 10000) g`;
    await database.pool.query(fill);
    await runMaintenance(database);
    const full = await tableStats('maint_churn');

    await database.pool.query('delete from maint_churn');
    expect((await tableStats('maint_churn')).dead).toBe(10000);
    const plan = await planMaintenance(database);
    expect(plan.find((w) => w.table === 'maint_churn')?.actions).toContain('vacuum');
    await runMaintenance(database);
    expect((await tableStats('maint_churn')).dead).toBe(0);

    await database.pool.query(fill);
    const refilled = await tableStats('maint_churn');
    // Without the vacuum the new rows would go after the dead ones: twice the pages.
    expect(refilled.pages).toBeLessThanOrEqual(full.pages + 2);
  });

  it('gives the space back to the disk with --all --full', async () => {
    await database.pool.query('create table maint_shrink (id int primary key, body text not null)');
    await database.pool.query(
      `insert into maint_shrink select g, repeat('x', 200) from generate_series(1, 10000) g`,
    );
    await database.pool.query('delete from maint_shrink where id % 10 <> 0');
    const before = await tableStats('maint_shrink');
    // A plain vacuum frees the space for reuse but keeps the pages: one row in ten is left on each.
    await runMaintenance(database);
    expect((await tableStats('maint_shrink')).pages).toBe(before.pages);
    await runMaintenance(database, { all: true, full: true });
    expect((await tableStats('maint_shrink')).pages).toBeLessThan(before.pages / 5);
  });

  it('passes over a table dropped during the round', async () => {
    await database.pool.query('create table maint_dropped (id int primary key)');
    await database.pool.query('insert into maint_dropped select generate_series(1, 500)');
    let dropped: Promise<unknown> | undefined;
    const result = await runMaintenance(database, {
      onStep: (w) => {
        if (w.table === 'maint_dropped') dropped = database.pool.query('drop table maint_dropped');
      },
    });
    await dropped;
    expect(dropped).toBeDefined();
    expect(result.steps.map((s) => s.table)).not.toContain('maint_dropped');
  });

  it('answers requests while a round runs', async () => {
    const user = await buildUser(app);
    const cookie = await signIn(app, user);
    let finished = false;
    let steps = 0;
    const round = runMaintenance(database, { all: true, onStep: () => void steps++ }).then((r) => {
      finished = true;
      return r;
    });
    // Let the round start on its first tables, then ask.
    while (steps < 2) await new Promise((r) => setTimeout(r, 5));
    const res = await app.http.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } });
    const stepsBeforeAnswer = steps;
    const finishedAtAnswer = finished;
    const done = await round;
    expect(res.statusCode).toBe(200);
    expect(finishedAtAnswer).toBe(false);
    // The answer came while tables were still left to do, not after the whole round.
    expect(stepsBeforeAnswer).toBeLessThan(done.steps.length);
  });

  it('runs on a timer in the serving process and logs table names and durations', async () => {
    await database.pool.query('create table maint_timer (id int primary key)');
    await database.pool.query('insert into maint_timer select generate_series(1, 500)');
    const lines: Array<{ obj: object; msg: string }> = [];
    const log = { info: (obj: object, msg: string) => lines.push({ obj, msg }), warn: () => undefined };
    const timer = startMaintenance(database, log, { firstDelayMs: 10, intervalMs: 60_000 });
    for (let i = 0; i < 400 && !lines.length; i++) await new Promise((r) => setTimeout(r, 25));
    await timer.stop();
    expect(lines[0]?.msg).toBe('database maintenance');
    const logged = JSON.stringify(lines[0]?.obj);
    expect(logged).toContain('public.maint_timer');
    expect(logged).toMatch(/"ms":\d+/);
  });

  it('after a restart, when the counters are gone, analyzes tables never analyzed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'waymark-maint-'));
    try {
      let db = await openDatabase({ dataDir: dir });
      await db.pool.query('create table t (id int primary key)');
      await db.pool.query('insert into t select generate_series(1, 5000)');
      await db.close();
      db = await openDatabase({ dataDir: dir });
      try {
        const plan = await planMaintenance(db);
        expect(plan).toEqual([
          expect.objectContaining({ table: 't', actions: ['analyze'], reason: 'never analyzed' }),
        ]);
        await runMaintenance(db);
        const { rows } = await db.pool.query<{ reltuples: number }>(
          `select reltuples::float8 as reltuples from pg_class where relname = 't'`,
        );
        expect(rows[0]!.reltuples).toBe(5000);
      } finally {
        await db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('maintenance on PostgreSQL', () => {
  // The suite's server when it runs on PostgreSQL, else a throwaway cluster of its own.
  let cluster: Cluster | undefined;
  let server: Database;
  beforeAll(async () => {
    if (!onPostgres()) cluster = await startCluster();
    server = await openTestDatabase(cluster ? { url: cluster.url } : {});
  }, 120_000);
  afterAll(async () => {
    await server.close();
    cluster?.stop();
  });

  it('leaves it to the server: nothing planned, nothing run', async () => {
    await server.pool.query('create table maint_pg (id int primary key)');
    await server.pool.query('insert into maint_pg select generate_series(1, 5000)');
    expect(await planMaintenance(server)).toEqual([]);
    expect(await runMaintenance(server)).toEqual({ ran: false, steps: [], ms: 0 });
  });
});

describe("autovacuum's rules", () => {
  const table = {
    schema: 'public',
    table: 't',
    reltuples: 1000,
    relpages: 100,
    pages: 100,
    dead: 0,
    modSinceAnalyze: 0,
    insSinceVacuum: 0,
    xidAge: 1000,
  };

  it('analyzes past 50 rows + 10% changed, vacuums past 50 + 20% dead', () => {
    expect(decide({ ...table, modSinceAnalyze: 150 })).toBeUndefined();
    expect(decide({ ...table, modSinceAnalyze: 151 })?.actions).toEqual(['analyze']);
    expect(decide({ ...table, dead: 250 })).toBeUndefined();
    expect(decide({ ...table, dead: 251, modSinceAnalyze: 251 })?.actions).toEqual(['vacuum', 'analyze']);
    expect(decide({ ...table, insSinceVacuum: 1201 })?.actions).toEqual(['vacuum']);
    expect(decide({ ...table, xidAge: 150_000_001 })?.actions).toEqual(['vacuum']);
  });

  it('without counters (after a restart), analyzes a table whose size has moved from its statistics', () => {
    expect(decide({ ...table, pages: 118 })).toBeUndefined();
    expect(decide({ ...table, pages: 119 })).toMatchObject({
      actions: ['analyze'],
      reason: '100 pages when last analyzed, 119 now',
    });
    expect(decide({ ...table, reltuples: -1, relpages: 0, pages: 0 })).toBeUndefined();
    expect(decide({ ...table, reltuples: -1, relpages: 0, pages: 3 })?.reason).toBe('never analyzed');
  });
});
