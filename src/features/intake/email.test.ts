import { connect, type Socket } from 'node:net';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHotline, startTestApp, type TestApp } from '../../../test/helpers/app';
import { upsertChannel } from './channels';
import { startSmtpListener, type SmtpListener } from './smtp';

let app: TestApp;
let smtp: SmtpListener;
let hotlineId: string;
const ADDRESS = 'help@hotline.example.org';
const LIMIT = 256 * 1024;

beforeAll(async () => {
  app = await startTestApp();
  hotlineId = (await buildHotline(app)).id;
  await upsertChannel(app.database.db, { hotlineId, kind: 'email', address: ADDRESS });
  smtp = await startSmtpListener({ database: app.database, port: 0, host: '127.0.0.1', maxBytes: LIMIT });
});
afterAll(async () => {
  await smtp.close();
  await app.close();
});

const transport = () =>
  nodemailer.createTransport({
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    ignoreTLS: true,
    tls: { rejectUnauthorized: false },
  });

const emailSignals = () =>
  app.database.db
    .selectFrom('signals')
    .select(['id', 'content'])
    .where('hotline_id', '=', hotlineId)
    .where('channel', '=', 'email')
    .execute();

describe('the SMTP listener', () => {
  it('turns an email into a signal, threads the reply into it, and keeps allowed attachments', async () => {
    const t = transport();
    const first = await t.sendMail({
      from: 'Worried Neighbour <neighbour@example.net>',
      to: ADDRESS,
      subject: 'Something is wrong next door',
      text: 'Young women are brought in at night and never leave.',
      messageId: '<first-1@example.net>',
      attachments: [
        { filename: 'photo.png', content: Buffer.from('89504e470d0a1a0a', 'hex'), contentType: 'image/png' },
        { filename: 'tool.exe', content: Buffer.from('MZ'), contentType: 'application/x-msdownload' },
      ],
    });
    expect(first.response).toMatch(/^250/);
    const signals = await emailSignals();
    expect(signals).toHaveLength(1);
    const signalId = signals[0]?.id ?? '';

    await t.sendMail({
      from: 'neighbour@example.net',
      to: ADDRESS,
      subject: 'Re: Something is wrong next door',
      text: 'There is a van with Texas plates.',
      messageId: '<second-2@example.net>',
      inReplyTo: '<first-1@example.net>',
      references: ['<first-1@example.net>'],
    });
    // The same message delivered again (a retry) is stored once.
    await t.sendMail({
      from: 'neighbour@example.net',
      to: ADDRESS,
      subject: 'Re',
      text: 'dup',
      messageId: '<second-2@example.net>',
    });
    expect(await emailSignals()).toHaveLength(1);
    const messages = await app.database.db
      .selectFrom('signal_messages')
      .select(['body', 'meta'])
      .where('signal_id', '=', signalId)
      .orderBy('created_at')
      .execute();
    expect(messages.map((m) => m.body.trim())).toEqual([
      'Young women are brought in at night and never leave.',
      'There is a van with Texas plates.',
    ]);
    const attachments = await app.database.db
      .selectFrom('signal_attachments')
      .select(['filename', 'content_type'])
      .where('signal_id', '=', signalId)
      .execute();
    expect(attachments).toEqual([{ filename: 'photo.png', content_type: 'image/png' }]);
    expect(messages[0]?.meta).toMatchObject({
      refusedAttachments: [{ filename: 'tool.exe', reason: 'type' }],
    });
  });

  it('refuses oversized mail with 552 and accepts the next one', async () => {
    const t = transport();
    const big = t.sendMail({
      from: 'a@example.net',
      to: ADDRESS,
      subject: 'big',
      text: 'x'.repeat(LIMIT + 10_000),
    });
    await expect(big).rejects.toMatchObject({ responseCode: 552 });
    const before = (await emailSignals()).length;
    const next = await t.sendMail({
      from: 'b@example.net',
      to: ADDRESS,
      subject: 'small',
      text: 'still here',
      messageId: '<small@example.net>',
    });
    expect(next.response).toMatch(/^250/);
    expect(await emailSignals()).toHaveLength(before + 1);
  });

  it('refuses unknown recipients (550) and mail without a sender (554)', async () => {
    const t = transport();
    await expect(
      t.sendMail({ from: 'a@example.net', to: 'nobody@hotline.example.org', text: 'hi' }),
    ).rejects.toMatchObject({ responseCode: 550 });
    await expect(
      t.sendMail({
        envelope: { from: 'a@example.net', to: [ADDRESS] },
        raw: 'Subject: no sender\r\n\r\nbody\r\n',
      }),
    ).rejects.toMatchObject({ responseCode: 554 });
  });

  it('says which setting when the port cannot be had, in one line', async () => {
    const taken = startSmtpListener({ database: app.database, port: smtp.port, host: '127.0.0.1' });
    await expect(taken).rejects.toThrow(
      `WAYMARK_SMTP_PORT: cannot listen on 127.0.0.1:${smtp.port} (EADDRINUSE): another program has this port`,
    );
  });

  it('answers 421 (try again) to connections past its limit and serves the ones it holds', async () => {
    const small = await startSmtpListener({
      database: app.database,
      port: 0,
      host: '127.0.0.1',
      maxClients: 1,
    });
    const greet = (s: Socket): Promise<string> =>
      new Promise((resolve) => s.once('data', (d) => resolve(d.toString())));
    const first = connect(small.port, '127.0.0.1');
    try {
      expect(await greet(first)).toMatch(/^220 /);
      const second = connect(small.port, '127.0.0.1');
      expect(await greet(second)).toMatch(/^421 /);
      second.destroy();
    } finally {
      first.destroy();
      await small.close();
    }
  });
});
