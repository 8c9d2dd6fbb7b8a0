import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHotline, startTestApp, type TestApp } from '../../../test/helpers/app';
import { postAsTwilio } from '../../../test/helpers/twilio';
import { upsertChannel } from './channels';
import { twilioSignature } from './twilio';

let app: TestApp;
let hotlineId: string;
const TOKEN = 'test-auth-token-0123456789abcdef';
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
  await upsertChannel(app.database.db, {
    hotlineId,
    kind: 'phone',
    address: HOTLINE_NUMBER,
    twilioAuthToken: TOKEN,
    advocateNumbers: ['+16015550111', '+16015550112'],
  });
});
afterAll(async () => app.close());

/** Posts as Twilio does: form-encoded, signed by Twilio's own library with the hotline's token. */
const post = (path: string, params: Record<string, string>, token = TOKEN) =>
  postAsTwilio(app, path, params, token);

const counts = async () => {
  const db = app.database.db;
  const s = await db
    .selectFrom('signals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('hotline_id', '=', hotlineId)
    .executeTakeFirstOrThrow();
  const m = await db
    .selectFrom('signal_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('hotline_id', '=', hotlineId)
    .executeTakeFirstOrThrow();
  return { signals: Number(s.n), messages: Number(m.n) };
};

describe('signature', () => {
  it('matches what Twilio computes', () => {
    const params = { Body: 'hola', From: '+15005550006', To: HOTLINE_NUMBER, MessageSid: 'SM1' };
    const url = 'https://hotline.example.org/hooks/twilio/sms?x=1';
    expect(twilioSignature(TOKEN, url, params)).toBe(twilio.getExpectedTwilioSignature(TOKEN, url, params));
    expect(twilio.validateRequest(TOKEN, twilioSignature(TOKEN, url, params), url, params)).toBe(true);
  });
});

describe('POST /hooks/twilio/sms', () => {
  it('threads one texter into one conversation, answers keywords, and ignores replays', async () => {
    const before = await counts();
    const from = '+16015550199';
    const first = await post('/hooks/twilio/sms', {
      MessageSid: 'SMa1',
      From: from,
      To: HOTLINE_NUMBER,
      Body: 'BEFREE',
      NumMedia: '0',
    });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toContain('text/xml');
    expect(first.body).toContain('<Message>');
    expect(first.body).toContain('24 hours');
    const second = await post('/hooks/twilio/sms', {
      MessageSid: 'SMa2',
      From: from,
      To: HOTLINE_NUMBER,
      Body: 'My boss took my passport',
    });
    expect(second.body).not.toContain('<Message>');
    const replay = await post('/hooks/twilio/sms', {
      MessageSid: 'SMa2',
      From: from,
      To: HOTLINE_NUMBER,
      Body: 'My boss took my passport',
    });
    expect(replay.statusCode).toBe(200);
    const after = await counts();
    expect(after.signals - before.signals).toBe(1);
    expect(after.messages - before.messages).toBe(2);
    const signal = await app.database.db
      .selectFrom('signals')
      .select(['state', 'state_inferred'])
      .where('thread_key', '=', from)
      .executeTakeFirstOrThrow();
    expect(signal).toMatchObject({ state: 'MS', state_inferred: true });
  });

  it('refuses a forged signature with 403 and stores nothing', async () => {
    const before = await counts();
    const forged = await post(
      '/hooks/twilio/sms',
      { MessageSid: 'SMforged', From: '+16015550198', To: HOTLINE_NUMBER, Body: 'hi' },
      'not-the-token',
    );
    expect(forged.statusCode).toBe(403);
    const unsigned = await app.http.inject({
      method: 'POST',
      url: '/hooks/twilio/sms',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'MessageSid=SMx&From=%2B16015550198&To=%2B16015550100&Body=hi',
    });
    expect(unsigned.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('answers 400 with field paths when a field is missing', async () => {
    const res = await post('/hooks/twilio/sms', { From: '+16015550198', To: HOTLINE_NUMBER, Body: 'hi' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { details: { fields: [{ path: 'body.MessageSid' }] } } });
  });

  it('honours STOP and records delivery receipts', async () => {
    const from = '+16015550197';
    await post('/hooks/twilio/sms', { MessageSid: 'SMs1', From: from, To: HOTLINE_NUMBER, Body: 'stop' });
    const row = await app.database.db
      .selectFrom('sms_opt_outs')
      .selectAll()
      .where('phone', '=', from)
      .executeTakeFirst();
    expect(row).toBeDefined();
    await app.database.db
      .updateTable('signal_messages')
      .set({ delivery_status: 'queued' })
      .where('provider_id', '=', 'SMs1')
      .execute();
    const status = await post('/hooks/twilio/sms/status', {
      MessageSid: 'SMs1',
      MessageStatus: 'delivered',
      From: HOTLINE_NUMBER,
      To: from,
    });
    expect(status.statusCode).toBe(200);
    const m = await app.database.db
      .selectFrom('signal_messages')
      .select('delivery_status')
      .where('provider_id', '=', 'SMs1')
      .executeTakeFirstOrThrow();
    expect(m.delivery_status).toBe('delivered');
  });
});

describe('POST /hooks/twilio/voice', () => {
  it('shows a ringing call, dials the advocates, keeps the duration, and ignores replays', async () => {
    const before = await counts();
    const call = { CallSid: 'CAv1', From: '+12125550123', To: HOTLINE_NUMBER, CallStatus: 'ringing' };
    const res = await post('/hooks/twilio/voice', call);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<Dial');
    expect(res.body).toContain('<Number>+16015550111</Number>');
    expect((await post('/hooks/twilio/voice', call)).statusCode).toBe(200);
    const done = await post('/hooks/twilio/voice/status', {
      ...call,
      CallStatus: 'completed',
      CallDuration: '184',
    });
    expect(done.statusCode).toBe(200);
    expect((await counts()).signals - before.signals).toBe(1);
    const row = await app.database.db
      .selectFrom('signals')
      .select(['content', 'state'])
      .where('provider_id', '=', 'CAv1')
      .executeTakeFirstOrThrow();
    expect(row.content).toMatchObject({ call: { status: 'completed', durationSeconds: 184 } });
    expect(row.state).toBe('NY');
    const forged = await post('/hooks/twilio/voice', { ...call, CallSid: 'CAforged' }, 'wrong');
    expect(forged.statusCode).toBe(403);
    expect((await counts()).signals - before.signals).toBe(1);
  });
});
