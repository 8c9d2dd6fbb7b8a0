/**
 * Durability: reports posted under load to a real `waymark serve` on PGlite, the process killed
 * with SIGKILL mid-load, then restarted: every report that was acknowledged is there, once. With
 * WAYMARK_TEST_PG=1 the server runs on a throwaway PostgreSQL with its durable defaults instead.
 */
import type { ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertHotline } from '../src/features/hotlines/store';
import { crashRig, exited, freePort, type CrashRig } from './helpers/crash';

let rig: CrashRig;
let child: ChildProcess | undefined;

const serve = (port: number) => rig.serve(port, { WAYMARK_REPORT_RATE_LIMIT: '1000000' });

beforeAll(async () => {
  rig = await crashRig('crash', async (database) => {
    await insertHotline(database.db, { name: 'Crash test hotline' });
  });
}, 180_000);

afterAll(() => rig.dispose(child));

it('keeps every acknowledged report across kill -9, and stores none twice', async () => {
  const port = await freePort();
  child = await serve(port);
  const acked: string[] = [];
  let stop = false;
  const killAt = 300;
  const worker = async (w: number): Promise<void> => {
    for (let i = 0; !stop; i++) {
      const marker = `crash-${w}-${i}`;
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/public/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ what: marker }),
        });
        if (res.status === 201) acked.push(marker);
        await res.arrayBuffer();
      } catch {
        stop = true; // the server is gone
      }
      if (acked.length >= killAt && child?.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, (_, w) => worker(w)));
  await exited(child);
  expect(child.signalCode).toBe('SIGKILL');
  expect(acked.length).toBeGreaterThanOrEqual(killAt);

  child = await serve(port);
  const after = await fetch(`http://127.0.0.1:${port}/api/public/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ what: 'after restart' }),
  });
  expect(after.status).toBe(201);
  child.kill('SIGTERM');
  await exited(child);

  const database = await rig.open('crash test check');
  try {
    const rows = await sql<{ what: string; n: number }>`
      select content->'form'->>'what' as what, count(*)::int as n from signals
      where content->'form'->>'what' like 'crash-%' group by 1`.execute(database.db);
    const counts = new Map(rows.rows.map((r) => [r.what, Number(r.n)]));
    const missing = acked.filter((m) => !counts.has(m));
    const twice = [...counts].filter(([, n]) => n > 1);
    expect(missing).toEqual([]);
    expect(twice).toEqual([]);
  } finally {
    await database.close();
  }
}, 300_000);
