import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildHotline, buildUser, signIn, startTestApp, type TestApp } from '../../../test/helpers/app';
import type { Role } from '../../platform/auth/actor';
import { upsertChannel } from './channels';
import type { InboxItem, SignalView } from './inbox-schema';
import { startSmtpListener, type SmtpListener } from './smtp';

let app: TestApp;
let smtp: SmtpListener;
let hotlineId: string;
let advocate: ReturnType<typeof as>;
let advocateCookie: string;
const TOKEN = 'inbox-test-token';
const NUMBER = '+13145550100';
const ADDRESS = 'tips@inbox.example.org';

beforeAll(async () => {
  app = await startTestApp();
  hotlineId = (await buildHotline(app)).id;
  const db = app.database.db;
  await upsertChannel(db, { hotlineId, kind: 'webform', address: 'default' });
  await upsertChannel(db, { hotlineId, kind: 'text', address: NUMBER, twilioAuthToken: TOKEN });
  await upsertChannel(db, { hotlineId, kind: 'phone', address: NUMBER, twilioAuthToken: TOKEN });
  await upsertChannel(db, { hotlineId, kind: 'email', address: ADDRESS });
  smtp = await startSmtpListener({ database: app.database, port: 0, host: '127.0.0.1' });
  advocateCookie = await signIn(app, await buildUser(app, { role: 'advocate', hotlineId }));
  advocate = as(app, advocateCookie);
});
afterAll(async () => {
  await smtp.close();
  await app.close();
});

function twilioPost(path: string, params: Record<string, string>) {
  const signature = twilio.getExpectedTwilioSignature(TOKEN, `${app.config.publicUrl}${path}`, params);
  return app.http.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    payload: new URLSearchParams(params).toString(),
  });
}

async function list(query = ''): Promise<{ signals: InboxItem[]; next: string | null }> {
  const res = await advocate({ method: 'GET', url: `/api/signals${query}` });
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('the inbox', () => {
  it('shows signals from every channel, filters them and pages through them', async () => {
    await app.http.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: { what: 'Report from the web', state: 'MO' },
    });
    await twilioPost('/hooks/twilio/sms', {
      MessageSid: 'SMi1',
      From: '+13145550111',
      To: NUMBER,
      Body: 'Need help',
    });
    await twilioPost('/hooks/twilio/voice', {
      CallSid: 'CAi1',
      From: '+13145550112',
      To: NUMBER,
      CallStatus: 'ringing',
    });
    await nodemailer
      .createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true })
      .sendMail({
        from: 'someone@example.net',
        to: ADDRESS,
        subject: 'Tip',
        text: 'A tip by email',
        messageId: '<tip@example.net>',
      });
    const logged = await advocate({
      method: 'POST',
      url: '/api/signals/calls',
      payload: {
        durationMinutes: 12,
        summary: 'Caller describes a labor situation',
        state: 'MO',
        callerRole: 'community_member',
      },
    });
    expect(logged.statusCode).toBe(201);

    const all = await list();
    expect(new Set(all.signals.map((s) => s.channel))).toEqual(
      new Set(['webform', 'text', 'phone', 'email']),
    );
    expect(all.signals).toHaveLength(5);
    expect((await list('?channel=text')).signals.map((s) => s.preview)).toEqual(['Need help']);
    expect((await list('?state=MO')).signals.length).toBeGreaterThanOrEqual(3);

    const seen: string[] = [];
    let next: string | null = null;
    do {
      const page = await list(`?limit=2${next ? `&after=${next}` : ''}`);
      seen.push(...page.signals.map((s) => s.id));
      next = page.next;
    } while (next);
    expect(seen).toEqual(all.signals.map((s) => s.id));
    expect((await advocate({ method: 'GET', url: '/api/signals?after=garbage' })).statusCode).toBe(400);
  });

  it('reads a signal (audited) and replies by text, honouring STOP', async () => {
    const text = (await list('?channel=text')).signals[0];
    const read = await advocate({ method: 'GET', url: `/api/signals/${text?.id}` });
    expect(read.statusCode).toBe(200);
    const view = read.json<SignalView>();
    expect(view.replyBy).toBe('text');
    expect(view.messages.map((m) => m.body)).toEqual(['Need help']);
    const audit = await app.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', text?.id ?? '')
      .execute();
    expect(audit.map((a) => a.action)).toContain('signal.read');

    const reply = await advocate({
      method: 'POST',
      url: `/api/signals/${text?.id}/replies`,
      payload: { body: 'We are here. Are you safe?' },
    });
    expect(reply.statusCode).toBe(201);
    const outbox = await app.database.db
      .selectFrom('intake_dev_outbox')
      .select(['channel', 'recipient'])
      .where('hotline_id', '=', hotlineId)
      .execute();
    expect(outbox).toEqual([{ channel: 'text', recipient: '+13145550111' }]);

    await twilioPost('/hooks/twilio/sms', {
      MessageSid: 'SMi2',
      From: '+13145550111',
      To: NUMBER,
      Body: 'STOP',
    });
    const refused = await advocate({
      method: 'POST',
      url: `/api/signals/${text?.id}/replies`,
      payload: { body: 'Hello?' },
    });
    expect(refused.statusCode).toBe(409);
  });

  it('replies by email in the same thread', async () => {
    const email = (await list('?channel=email')).signals[0];
    const reply = await advocate({
      method: 'POST',
      url: `/api/signals/${email?.id}/replies`,
      payload: { body: 'Thank you for writing.' },
    });
    expect(reply.statusCode).toBe(201);
    const sent = await app.database.db
      .selectFrom('intake_dev_outbox')
      .select(['meta'])
      .where('channel', '=', 'email')
      .executeTakeFirstOrThrow();
    expect(sent.meta).toMatchObject({ inReplyTo: '<tip@example.net>', subject: 'Re: Tip' });
  });

  it.each<Role>(['analyst', 'coordinator', 'partner'])('refuses a %s', async (role) => {
    const other = as(app, await signIn(app, await buildUser(app, { role, hotlineId })));
    expect((await other({ method: 'GET', url: '/api/signals' })).statusCode).toBe(403);
  });

  it("answers 404 for another hotline's signal", async () => {
    const id = (await list()).signals[0]?.id;
    const stranger = as(app, await signIn(app, await buildUser(app, { role: 'supervisor' })));
    expect((await stranger({ method: 'GET', url: `/api/signals/${id}` })).statusCode).toBe(404);
    expect(
      (await stranger({ method: 'GET', url: '/api/signals' })).json<{ signals: unknown[] }>().signals,
    ).toEqual([]);
  });

  it('pushes new signals to a live inbox', async () => {
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.http.server.address() as AddressInfo).port;
    const cookie = advocateCookie;
    const received = new Promise<string>((resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port, path: '/api/signals/live', headers: { cookie } },
        (res) => {
          let buf = '';
          res.on('data', (c: Buffer) => {
            buf += c.toString();
            if (buf.includes(': connected')) {
              buf = buf.replace(/.*: connected\n\n/s, '');
              void app.http.inject({
                method: 'POST',
                url: '/api/public/reports',
                payload: { what: 'Live one' },
              });
            }
            const m = /event: signal\ndata: (.*)\n\n/.exec(buf);
            if (m?.[1]) {
              req.destroy();
              resolve(m[1]);
            }
          });
        },
      );
      req.on('error', reject);
    });
    expect(JSON.parse(await received)).toMatchObject({ channel: 'webform', event: 'created' });
  });
});
