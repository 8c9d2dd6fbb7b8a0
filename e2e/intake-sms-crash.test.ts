/**
 * Durability of texts: signed Twilio webhooks posted under load to a real `waymark serve` on
 * PGlite (a batch's texts are written by one statement), the process killed with SIGKILL mid-load,
 * then restarted: every text that was acknowledged is there, once, in its texter's one
 * conversation; Twilio's retries of the texts that were not answered are stored once too. With
 * WAYMARK_TEST_PG=1 the server runs on a throwaway PostgreSQL with its durable defaults instead.
 */
import type { ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { upsertChannel } from '../src/features/intake/channels';
import { insertHotline } from '../src/features/hotlines/store';
import { crashRig, exited, freePort, type CrashRig } from './helpers/crash';
import { textFromTwilio } from './helpers/twilio';

const TOKEN = 'crash-test-token';
const NUMBER = '+16015550100';
let rig: CrashRig;
let child: ChildProcess | undefined;

/** A text as Twilio posts it, signed with Twilio's own library: its HTTP status. */
const text = (port: number, sid: string, from: string): Promise<number> =>
  textFromTwilio(`http://127.0.0.1:${port}`, TOKEN, { sid, from, to: NUMBER, body: `text ${sid}` });

beforeAll(async () => {
  rig = await crashRig('sms-crash', async (database) => {
    const h = await insertHotline(database.db, { name: 'Crash test hotline' });
    await upsertChannel(database.db, {
      hotlineId: h.id,
      kind: 'text',
      address: NUMBER,
      twilioAuthToken: TOKEN,
    });
  });
}, 180_000);

afterAll(() => rig.dispose(child));

it('keeps every acknowledged text across kill -9, once, in one conversation per texter', async () => {
  const port = await freePort();
  child = await rig.serve(port);
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
        if ((await text(port, sid, from)) === 200) acked.add(sid);
      } catch {
        stop = true; // the server is gone
      }
      if (acked.size >= killAt && child?.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, (_, w) => worker(w)));
  await exited(child);
  expect(child.signalCode).toBe('SIGKILL');
  expect(acked.size).toBeGreaterThanOrEqual(killAt);

  // Twilio retries what was not answered; a retry of what was stored stores nothing more.
  child = await rig.serve(port);
  for (const s of sent) {
    expect(await text(port, s.sid, s.from)).toBe(200);
  }
  child.kill('SIGTERM');
  await exited(child);

  const database = await rig.open('crash test check');
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
