/**
 * Durability of texts: signed Twilio webhooks posted under load to a real `waymark serve` on
 * PGlite (a batch's texts are written by one statement), the process killed with SIGKILL mid-load,
 * then restarted: every text that was acknowledged is there, once, in its texter's one
 * conversation; Twilio's retries of the texts that were not answered are stored once too. With
 * WAYMARK_TEST_PG=1 the server runs on a throwaway PostgreSQL with its durable defaults instead.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import twilio from 'twilio';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { upsertChannel } from '../src/features/intake/channels';
import { insertHotline } from '../src/features/hotlines/store';
import { openDatabase } from '../src/platform/db/database';
import { migrate } from '../src/platform/db/migrate';
import { projectRoot } from '../src/platform/paths';
import { startCluster, type Cluster } from '../test/pg-cluster';

const TOKEN = 'crash-test-token';
const NUMBER = '+16015550100';
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
      WAYMARK_PUBLIC_URL: `http://127.0.0.1:${port}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      WAYMARK_SMTP_PORT: '0',
      WAYMARK_LOG_LEVEL: 'silent',
      DATABASE_URL: cluster?.url ?? '',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let exited = false;
  proc.once('exit', () => (exited = true));
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

/** A text as Twilio posts it, signed with Twilio's own library. */
const text = (port: number, sid: string, from: string): Promise<Response> => {
  const params = { MessageSid: sid, From: from, To: NUMBER, Body: `text ${sid}`, NumMedia: '0' };
  const url = `http://127.0.0.1:${port}/hooks/twilio/sms`;
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(TOKEN, url, params),
    },
    body: new URLSearchParams(params).toString(),
  });
};

beforeAll(async () => {
  execFileSync('npm', ['run', 'build:server'], { cwd: projectRoot, stdio: 'ignore' });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'waymark-sms-crash-'));
  if (process.env.WAYMARK_TEST_PG === '1') cluster = await startCluster({ durable: true });
  const database = await open('crash test set-up');
  await migrate(database.db);
  const h = await insertHotline(database.db, { name: 'Crash test hotline' });
  await upsertChannel(database.db, {
    hotlineId: h.id,
    kind: 'text',
    address: NUMBER,
    twilioAuthToken: TOKEN,
  });
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

it('keeps every acknowledged text across kill -9, once, in one conversation per texter', async () => {
  const port = await freePort();
  child = await serve(port);
  const acked = new Set<string>();
  const sent: Array<{ sid: string; from: string }> = [];
  let stop = false;
  const killAt = 300;
  // Sixteen senders, eight texters: each texter's texts come from two senders at once.
  const worker = async (w: number): Promise<void> => {
    const from = `+1601555${String(1000 + (w % 8)).padStart(4, '0')}`;
    for (let i = 0; !stop; i++) {
      const sid = `SMcrash${w}x${i}`;
      sent.push({ sid, from });
      try {
        const res = await text(port, sid, from);
        if (res.status === 200) acked.add(sid);
        await res.arrayBuffer();
      } catch {
        stop = true; // the server is gone
      }
      if (acked.size >= killAt && child?.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, (_, w) => worker(w)));
  await exit(child);
  expect(child.signalCode).toBe('SIGKILL');
  expect(acked.size).toBeGreaterThanOrEqual(killAt);

  // Twilio retries what was not answered; a retry of what was stored stores nothing more.
  child = await serve(port);
  for (const s of sent) {
    const res = await text(port, s.sid, s.from);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  }
  child.kill('SIGTERM');
  await exit(child);

  const database = await open('crash test check');
  try {
    const rows = await sql<{ sid: string; n: number; conversations: number }>`
      select m.provider_id as sid, count(*)::int as n,
        (select count(*)::int from signals s where s.thread_key = max(g.thread_key)) as conversations
      from signal_messages m join signals g on g.id = m.signal_id
      where m.provider_id like 'SMcrash%' group by m.provider_id`.execute(database.db);
    const counts = new Map(rows.rows.map((r) => [r.sid, r.n]));
    expect([...acked].filter((sid) => !counts.has(sid))).toEqual([]);
    expect(sent.filter((s) => !counts.has(s.sid)).map((s) => s.sid)).toEqual([]);
    expect(rows.rows.filter((r) => r.n > 1)).toEqual([]);
    expect(rows.rows.filter((r) => r.conversations !== 1)).toEqual([]);
  } finally {
    await database.close();
  }
}, 300_000);
