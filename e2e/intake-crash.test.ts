/**
 * Durability: reports posted under load to a real `waymark serve` on PGlite, the process killed
 * with SIGKILL mid-load, then restarted: every report that was acknowledged is there, once. With
 * WAYMARK_TEST_PG=1 the server runs on a throwaway PostgreSQL with its durable defaults instead.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertHotline } from '../src/features/hotlines/store';
import { openDatabase } from '../src/platform/db/database';
import { migrate } from '../src/platform/db/migrate';
import { projectRoot } from '../src/platform/paths';
import { startCluster, type Cluster } from '../test/pg-cluster';

let dataDir: string;
let cluster: Cluster | undefined;
let child: ChildProcess | undefined;

const open = (purpose: string) =>
  cluster ? openDatabase({ dataDir: '', databaseUrl: cluster.url }) : openDatabase({ dataDir, purpose });

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });

async function serve(port: number): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['bin/waymark.js', 'serve'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      WAYMARK_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      WAYMARK_SMTP_PORT: '0',
      WAYMARK_LOG_LEVEL: 'silent',
      WAYMARK_REPORT_RATE_LIMIT: '1000000',
      DATABASE_URL: cluster?.url ?? '',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let exited = false;
  proc.once('exit', () => (exited = true));
  // Ready when it answers; a process that dies while starting fails the test.
  for (;;) {
    if (exited) throw new Error('waymark serve exited while starting');
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return proc;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const exit = (proc: ChildProcess): Promise<void> =>
  new Promise((resolve) =>
    proc.exitCode !== null || proc.signalCode !== null ? resolve() : proc.once('exit', () => resolve()),
  );

beforeAll(async () => {
  execFileSync('npm', ['run', 'build:server'], { cwd: projectRoot, stdio: 'ignore' });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'waymark-crash-'));
  if (process.env.WAYMARK_TEST_PG === '1') cluster = await startCluster({ durable: true });
  const database = await open('crash test set-up');
  await migrate(database.db);
  await insertHotline(database.db, { name: 'Crash test hotline' });
  await database.close();
}, 180_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
    await exit(child);
  }
  rmSync(dataDir, { recursive: true, force: true });
  cluster?.stop();
});

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
  await exit(child);
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
  await exit(child);

  const database = await open('crash test check');
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
