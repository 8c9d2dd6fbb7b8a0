import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { as, buildUser, signIn, startTestApp, type TestApp } from '../../../test/helpers/app';
import { postAsTwilio, textAsTwilio } from '../../../test/helpers/twilio';
import { systemActor } from '../../platform/audit/audit';
import { addChannel, changeChannel } from './channel-admin';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ publicUrl: 'https://hotline.example.org/' });
});
afterAll(async () => app?.close());

const TOKEN = 'first-token-0123456789abcdef0123';
const NEW_TOKEN = 'second-token-fedcba9876543210abcd';
const SID = `AC${'0123456789abcdef'.repeat(2)}`;
let numbers = 0;
/** A number no other test uses (every hotline in this file shares the one database). */
const freshNumber = (): string => `+1601555${String(1000 + numbers++ * 7).padStart(4, '0')}`;

async function admin() {
  const user = await buildUser(app, { role: 'admin' });
  return { user, call: as(app, await signIn(app, user)) };
}

/** Posts a text as Twilio does, signed by Twilio's own library. */
const sms = (token: string, to: string, sid: string) =>
  textAsTwilio(app, token, { sid, to, body: 'Someone took my papers' });

/** The texts stored with this MessageSid (a second text from a number joins its open conversation). */
const textsFor = (hotlineId: string, sid: string) =>
  app.database.db
    .selectFrom('signal_messages')
    .innerJoin('signals', 'signals.id', 'signal_messages.signal_id')
    .select(['signals.id', 'signals.channel'])
    .where('signal_messages.hotline_id', '=', hotlineId)
    .where('signal_messages.provider_id', '=', sid)
    .execute();

describe('a hotline administrator sets up a text number', () => {
  it('texts to it become signals; a new token makes old signatures 403; no answer shows a token', async () => {
    const { user, call } = await admin();
    const number = freshNumber();
    const seen: LightMyRequestResponse[] = [];
    const send = async (opts: Parameters<typeof call>[0]) => {
      const r = await call(opts);
      seen.push(r);
      return r;
    };

    const added = await send({
      method: 'POST',
      url: '/api/channels',
      payload: {
        kind: 'text',
        address: `(${number.slice(2, 5)}) ${number.slice(5, 8)}-${number.slice(8)}`,
        twilioAccountSid: SID,
        twilioAuthToken: TOKEN,
      },
    });
    expect(added.statusCode).toBe(201);
    const channel = added.json();
    expect(channel).toMatchObject({
      kind: 'text',
      address: number,
      twilioAccountSid: SID,
      twilioAuthToken: { set: true, last4: TOKEN.slice(-4) },
    });

    const first = await sms(TOKEN, number, 'SMadmin1');
    expect(first.statusCode).toBe(200);
    expect(await textsFor(user.hotlineId, 'SMadmin1')).toEqual([
      expect.objectContaining({ channel: 'text' }),
    ]);

    const changed = await send({
      method: 'PATCH',
      url: `/api/channels/${channel.id}`,
      payload: { twilioAuthToken: NEW_TOKEN },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().twilioAuthToken).toEqual({ set: true, last4: NEW_TOKEN.slice(-4) });

    const old = await sms(TOKEN, number, 'SMadmin2');
    expect(old.statusCode).toBe(403);
    expect(await textsFor(user.hotlineId, 'SMadmin2')).toEqual([]);
    const renewed = await sms(NEW_TOKEN, number, 'SMadmin3');
    expect(renewed.statusCode).toBe(200);
    expect(await textsFor(user.hotlineId, 'SMadmin3')).toHaveLength(1);

    const list = await send({ method: 'GET', url: '/api/channels' });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({
      channels: [{ id: channel.id, address: number, twilioAuthToken: { set: true } }],
      webhooks: {
        sms: 'https://hotline.example.org/hooks/twilio/sms',
        smsStatus: 'https://hotline.example.org/hooks/twilio/sms/status',
        voice: 'https://hotline.example.org/hooks/twilio/voice',
        voiceStatus: 'https://hotline.example.org/hooks/twilio/voice/status',
      },
    });

    for (const r of seen) {
      expect(r.body).not.toContain(TOKEN);
      expect(r.body).not.toContain(NEW_TOKEN);
      expect(r.body).not.toContain(TOKEN.slice(0, -4));
      expect(r.body).not.toContain(NEW_TOKEN.slice(0, -4));
    }
    const audit = await app.database.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('subject_id', '=', channel.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['channel.added', 'channel.changed']);
    expect(audit[1]?.details).toMatchObject({ fields: ['twilioAuthToken'] });
    expect(JSON.stringify(audit)).not.toContain(TOKEN.slice(0, 8));
    expect(JSON.stringify(audit)).not.toContain(NEW_TOKEN.slice(0, 8));

    // Removing the channel keeps its signals; its texts are refused from then on.
    const removed = await call({ method: 'DELETE', url: `/api/channels/${channel.id}` });
    expect(removed.statusCode).toBe(200);
    expect(await textsFor(user.hotlineId, 'SMadmin1')).toHaveLength(1);
    expect((await sms(NEW_TOKEN, number, 'SMadmin4')).statusCode).toBe(403);
    expect((await call({ method: 'GET', url: '/api/channels' })).json().channels).toEqual([]);
  });
});

describe('a phone channel', () => {
  it('set up through the API rings the advocates it names', async () => {
    const { call } = await admin();
    const number = freshNumber();
    const added = await call({
      method: 'POST',
      url: '/api/channels',
      payload: {
        kind: 'phone',
        address: number,
        twilioAuthToken: TOKEN,
        advocateNumbers: ['(601) 555-0111', '+1 601 555 0112'],
      },
    });
    expect(added.statusCode).toBe(201);
    const params = { CallSid: 'CAadmin1', From: '+12125550123', To: number, CallStatus: 'ringing' };
    const ring = await postAsTwilio(app, '/hooks/twilio/voice', params, TOKEN);
    expect(ring.statusCode).toBe(200);
    expect(ring.body).toContain('<Number>+16015550111</Number>');
    expect(ring.body).toContain('<Number>+16015550112</Number>');
  });
});

describe('a token changed without telling the servers', () => {
  it('(straight in the database) is in use here within the 2 seconds a channel is remembered', async () => {
    const { user, call } = await admin();
    const number = freshNumber();
    const added = await call({
      method: 'POST',
      url: '/api/channels',
      payload: { kind: 'text', address: number, twilioAuthToken: TOKEN },
    });
    expect((await sms(TOKEN, number, 'SMother1')).statusCode).toBe(200);

    // Straight to the database, outside changeChannels: nothing remembered is dropped, nothing announced.
    await changeChannel(
      app.database.db,
      systemActor('cli:test', user.hotlineId),
      user.hotlineId,
      added.json().id,
      {
        twilioAuthToken: NEW_TOKEN,
      },
      app.secrets,
    );
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 2_100);
      expect((await sms(TOKEN, number, 'SMother3')).statusCode).toBe(403);
    } finally {
      vi.useRealTimers();
    }
    expect(await textsFor(user.hotlineId, 'SMother3')).toEqual([]);
    expect((await sms(NEW_TOKEN, number, 'SMother2')).statusCode).toBe(200);
  });
});

describe('addresses', () => {
  it('are checked per kind, with the message on the field', async () => {
    const { call } = await admin();
    const bad = async (payload: object, path: string) => {
      const r = await call({ method: 'POST', url: '/api/channels', payload });
      expect(r.statusCode, r.body).toBe(400);
      expect(
        r.json().error.details.fields.map((f: { path: string }) => f.path.replace(/^body\./, '')),
      ).toContain(path);
    };
    await bad({ kind: 'text', address: 'not a number' }, 'address');
    await bad({ kind: 'phone', address: '+1' }, 'address');
    await bad({ kind: 'email', address: 'tips@' }, 'address');
    await bad({ kind: 'webform', address: 'Has spaces' }, 'address');
    await bad(
      { kind: 'phone', address: freshNumber(), advocateNumbers: ['+16015550111', 'call me'] },
      'advocateNumbers.1',
    );
    await bad(
      { kind: 'email', address: 'tips@example.org', advocateNumbers: ['+16015550111'] },
      'advocateNumbers',
    );
    await bad({ kind: 'email', address: 'tips@example.org', twilioAuthToken: TOKEN }, 'twilioAuthToken');
    await bad({ kind: 'text', address: freshNumber(), twilioAccountSid: 'AC123' }, 'twilioAccountSid');

    const phone = await call({
      method: 'POST',
      url: '/api/channels',
      payload: { kind: 'phone', address: freshNumber(), advocateNumbers: ['601-555-0111', '+16015550111'] },
    });
    expect(phone.statusCode).toBe(201);
    expect(phone.json()).toMatchObject({
      advocateNumbers: ['+16015550111'],
      twilioAuthToken: { set: false, last4: null },
    });
    const email = await call({
      method: 'POST',
      url: '/api/channels',
      payload: { kind: 'email', address: ' Tips@Report.Example.org ' },
    });
    expect(email.json().address).toBe('tips@report.example.org');
  });

  it('are checked the same when set up without the API (waymark channels calls the service)', async () => {
    const { user, call } = await admin();
    const cli = systemActor('cli:channels-add', user.hotlineId);
    const number = freshNumber();
    const setUp = (twilioAccountSid: string) =>
      addChannel(
        app.database.db,
        cli,
        user.hotlineId,
        { kind: 'text', address: number, twilioAccountSid },
        app.secrets,
      );
    await expect(setUp('my account')).rejects.toMatchObject({
      code: 'validation_failed',
      details: { fields: [{ path: 'body.twilioAccountSid', message: expect.stringContaining('AC') }] },
    });
    expect((await call({ method: 'GET', url: '/api/channels' })).json().channels).toEqual([]);
    expect((await setUp(` ${SID} `)).twilioAccountSid).toBe(SID);
  });

  it('already used by any hotline: 409 on the address', async () => {
    const first = await admin();
    const second = await admin();
    const number = freshNumber();
    const add = (who: typeof first, payload: object) =>
      who.call({ method: 'POST', url: '/api/channels', payload });
    expect((await add(first, { kind: 'text', address: number })).statusCode).toBe(201);
    const taken = await add(second, { kind: 'text', address: number });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details.fields).toEqual([
      { path: 'body.address', message: expect.any(String) },
    ]);
    // The same number for calls is another channel.
    expect((await add(second, { kind: 'phone', address: number })).statusCode).toBe(201);

    const slug = `form-${numbers++}`;
    expect((await add(first, { kind: 'webform', address: slug })).statusCode).toBe(201);
    expect((await add(second, { kind: 'webform', address: slug.toUpperCase() })).statusCode).toBe(409);
    const other = await add(second, { kind: 'webform', address: `${slug}-b` });
    const renamed = await second.call({
      method: 'PATCH',
      url: `/api/channels/${other.json().id}`,
      payload: { address: slug },
    });
    expect(renamed.statusCode).toBe(409);
  });
});

describe('who may', () => {
  it('another hotline’s channel is not found; people who are not admins are refused', async () => {
    const owner = await admin();
    const added = await owner.call({
      method: 'POST',
      url: '/api/channels',
      payload: { kind: 'text', address: freshNumber() },
    });
    const id = added.json().id as string;

    const stranger = await admin();
    for (const method of ['PATCH', 'DELETE'] as const) {
      const r = await stranger.call({
        method,
        url: `/api/channels/${id}`,
        ...(method === 'PATCH' ? { payload: { twilioAuthToken: NEW_TOKEN } } : {}),
      });
      expect(r.statusCode).toBe(404);
    }
    expect((await stranger.call({ method: 'GET', url: '/api/channels' })).json().channels).toEqual([]);

    const hotlineId = owner.user.hotlineId;
    const supervisor = await buildUser(app, { role: 'supervisor', hotlineId });
    const s = as(app, await signIn(app, supervisor));
    expect((await s({ method: 'GET', url: '/api/channels' })).statusCode).toBe(403);
    expect((await s({ method: 'DELETE', url: `/api/channels/${id}` })).statusCode).toBe(403);
    expect((await app.http.inject({ method: 'GET', url: '/api/channels' })).statusCode).toBe(401);
    const still = await owner.call({ method: 'GET', url: '/api/channels' });
    expect(still.json().channels.map((c: { id: string }) => c.id)).toEqual([id]);
  });
});
