import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHotline, startTestApp, type TestApp } from '../../../test/helpers/app';
import { postAsTwilio } from '../../../test/helpers/twilio';
import { systemActor } from '../../platform/audit/audit';
import { inIntakeBatch } from './batch';
import { upsertChannel } from './channels';
import { arrivalTime } from './receive-texts';
import { isOptedOut, receiveSms } from './sms';

let app: TestApp;
let hotlineId: string;
const TOKEN = 'sms-test-token-0123456789abcdef';
const HOTLINE_NUMBER = '+16015550100';

beforeAll(async () => {
  app = await startTestApp();
  hotlineId = (await buildHotline(app)).id;
  await upsertChannel(app.database.db, {
    hotlineId,
    kind: 'text',
    address: HOTLINE_NUMBER,
    twilioAuthToken: TOKEN,
  });
});
afterAll(async () => app.close());

/** A text posted as Twilio posts it, signed by Twilio's own library with the hotline's token. */
const text = (from: string, sid: string, body: string) =>
  postAsTwilio(
    app,
    '/hooks/twilio/sms',
    { MessageSid: sid, From: from, To: HOTLINE_NUMBER, Body: body, NumMedia: '0' },
    TOKEN,
  );

/** The conversations of a number, each with its messages in the order the inbox shows them. */
async function threads(from: string) {
  const signals = await app.database.db
    .selectFrom('signals')
    .select(['id', 'status', 'language', 'state', 'provider_id'])
    .where('hotline_id', '=', hotlineId)
    .where('thread_key', '=', from)
    .orderBy('received_at')
    .execute();
  return Promise.all(
    signals.map(async (s) => ({
      ...s,
      bodies: (
        await app.database.db
          .selectFrom('signal_messages')
          .select('body')
          .where('signal_id', '=', s.id)
          .orderBy('created_at')
          .execute()
      ).map((m) => m.body),
    })),
  );
}

describe('texts that arrive together', () => {
  it('go to one conversation, a repeated MessageSid stored once', async () => {
    const from = '+16015550301';
    const sids = ['SMt1', 'SMt2', 'SMt3', 'SMt2', 'SMt4', 'SMt5'];
    const answers = await Promise.all(
      sids.map((sid, i) => text(from, sid, i === 0 ? 'HELP' : `line ${sid}`)),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(sids.map(() => 200));
    expect(answers[0]?.body).toContain('24 hours');
    expect(answers[1]?.body).not.toContain('<Message>');
    const t = await threads(from);
    expect(t).toHaveLength(1);
    expect(t[0]?.state).toBe('MS');
    // Requests sent at once reach the handler in no set order; the order is checked below.
    expect(t[0]?.bodies.slice().sort()).toEqual(['HELP', 'line SMt2', 'line SMt3', 'line SMt4', 'line SMt5']);
    const audit = await app.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', t[0]!.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'signal.message_received',
      'signal.message_received',
      'signal.message_received',
      'signal.message_received',
      'signal.received',
    ]);
  });

  it('in one batch: a text that fails is refused alone, and the others are stored in order', async () => {
    const who = systemActor('system:test', hotlineId);
    const from = '+16015550302';
    const elsewhere = '00000000-0000-4000-8000-000000000000'; // no such hotline: the database refuses it
    // Contacts that keep every group commit busy for a moment (four run at once on PostgreSQL),
    // so that the six texts queue behind them and are written together in the next batch.
    const busy = Array.from({ length: 4 }, () =>
      inIntakeBatch(app.database, (trx) => sql`select pg_sleep(0.2)`.execute(trx)),
    );
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => {
        const sms = {
          hotlineId: i === 2 ? elsewhere : hotlineId,
          messageSid: `SMb${i}`,
          from,
          to: HOTLINE_NUMBER,
          body: i === 4 ? 'AYUDA' : `batch ${i}`,
          numMedia: 0,
          arrivedAt: arrivalTime(),
        };
        return inIntakeBatch(app.database, (trx) => receiveSms(trx, who, sms), { together: true });
      }),
    );
    await Promise.all(busy);
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    const spanish = outcomes[4];
    expect(spanish?.status === 'fulfilled' ? spanish.value : '').toContain('24 horas');
    const t = await threads(from);
    expect(t).toHaveLength(1);
    expect(t[0]?.bodies).toEqual(['batch 0', 'batch 1', 'batch 3', 'AYUDA', 'batch 5']);
  });
});

describe('the open conversation', () => {
  it('is found through the thread index even by a plan made while the table was nearly empty', async () => {
    // intake_receive_texts's look-up, as PL/pgSQL runs it: one generic plan kept for the session.
    const plan = await app.database.db.connection().execute(async (c) => {
      await sql`set plan_cache_mode = force_generic_plan`.execute(c);
      await sql`prepare open_conversation (uuid, text) as select s.id from signals s
        where s.hotline_id = $1 and s.channel = 'text' and s.thread_key = $2 and s.status <> 'closed'
        order by s.received_at desc limit 1`.execute(c);
      try {
        const r = await sql<{ 'QUERY PLAN': string }>`explain execute open_conversation
          (${sql.lit(hotlineId)}::uuid, '+16015550399')`.execute(c);
        return r.rows.map((row) => row['QUERY PLAN']).join('\n');
      } finally {
        await sql`deallocate open_conversation`.execute(c);
        await sql`reset plan_cache_mode`.execute(c);
      }
    });
    expect(plan).toContain('signals_thread_idx');
    expect(plan).toMatch(/Index Cond: .*thread_key = \$2/);
  });
});

describe('keywords and conversations', () => {
  it('STOP opts out and START lifts it; each is kept as part of the conversation', async () => {
    const from = '+16015550303';
    expect((await text(from, 'SMk1', 'Stop ')).body).not.toContain('<Message>');
    expect(await isOptedOut(app.database.db, hotlineId, from)).toBe(true);
    // A replayed STOP stores nothing more and still answers nothing.
    expect((await text(from, 'SMk1', 'Stop ')).statusCode).toBe(200);
    await text(from, 'SMk2', 'start');
    expect(await isOptedOut(app.database.db, hotlineId, from)).toBe(false);
    const t = await threads(from);
    expect(t.map((c) => c.bodies)).toEqual([['Stop ', 'start']]);
  });

  it('a text after the conversation is closed opens a new one', async () => {
    const from = '+16015550304';
    await text(from, 'SMc1', 'first');
    await app.database.db
      .updateTable('signals')
      .set({ status: 'closed' })
      .where('thread_key', '=', from)
      .execute();
    const again = await text(from, 'SMc2', 'AYUDA');
    expect(again.body).toContain('24 horas');
    const t = await threads(from);
    expect(t.map((c) => [c.status, c.language, c.bodies])).toEqual([
      ['closed', null, ['first']],
      ['new', 'es', ['AYUDA']],
    ]);
  });
});

it('stamps arrivals to the microsecond, each later than the one before', () => {
  const stamps = Array.from({ length: 5000 }, () => arrivalTime());
  for (const [i, s] of stamps.entries()) {
    expect(s).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    if (i > 0) expect(s > stamps[i - 1]!).toBe(true);
  }
  expect(Math.abs(new Date(stamps[0]!).getTime() - Date.now())).toBeLessThan(60_000);
});
