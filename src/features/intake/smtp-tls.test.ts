import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHotline, startTestApp, type TestApp } from '../../../test/helpers/app';
import { selfSignedPair } from '../../../test/helpers/tls';
import { loadConfig } from '../../platform/config';
import type { Logger } from '../../platform/log';
import { upsertChannel } from './channels';
import { startSmtpListener } from './smtp';
import { loadSmtpTls } from './smtp-tls';

let app: TestApp;
let hotlineId: string;
let dir: string;
const ADDRESS = 'tips@tls-hotline.example.org';

let a: { cert: string; key: string };
let b: { cert: string; key: string };

/** Every line the listener logs, as `level message`. */
function recordingLog(): { lines: string[]; log: Pick<Logger, 'info' | 'warn'> } {
  const lines: string[] = [];
  const at =
    (level: string) =>
    (...args: unknown[]): void => {
      lines.push(`${level} ${String(args.find((x) => typeof x === 'string') ?? '')}`);
    };
  return { lines, log: { info: at('info'), warn: at('warn') } };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-smtp-tls-'));
  a = selfSignedPair(dir, 'a');
  b = selfSignedPair(dir, 'b');
  app = await startTestApp();
  hotlineId = (await buildHotline(app)).id;
  await upsertChannel(app.database.db, { hotlineId, kind: 'email', address: ADDRESS });
});
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

const tlsSettings = (pair: { cert: string; key: string }, required = false) =>
  loadSmtpTls(
    loadConfig({
      WAYMARK_SMTP_TLS_CERT: pair.cert,
      WAYMARK_SMTP_TLS_KEY: pair.key,
      WAYMARK_SMTP_REQUIRE_TLS: String(required),
    }),
  );

/** A client that insists on STARTTLS and trusts only the given certificate. */
const tlsClient = (port: number, certFile: string) =>
  nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    requireTLS: true,
    tls: { ca: [readFileSync(certFile)], servername: 'localhost' },
  });
const plainClient = (port: number) =>
  nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });

const count = async (subject: string): Promise<number> =>
  (
    await app.database.db
      .selectFrom('signal_messages')
      .select('id')
      .where('hotline_id', '=', hotlineId)
      .where('channel', '=', 'email')
      .where(sql<string>`meta->>'subject'`, '=', subject)
      .execute()
  ).length;

const greeting = (port: number): Promise<string> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString());
    });
    socket.once('error', reject);
  });

const mail = (subject: string) => ({
  from: 'Neighbour <neighbour@example.net>',
  to: ADDRESS,
  subject,
  text: 'The workers at the nail salon sleep there.',
});

describe('STARTTLS on the SMTP listener', () => {
  it('offers STARTTLS with the operator certificate; mail sent over it becomes a signal', async () => {
    const { lines, log } = recordingLog();
    const smtp = await startSmtpListener({
      database: app.database,
      port: 0,
      host: '127.0.0.1',
      tls: tlsSettings(a),
      log,
    });
    try {
      // The client trusts certificate a only: the built-in certificate of smtp-server would fail.
      const sent = await tlsClient(smtp.port, a.cert).sendMail(mail('over tls'));
      expect(sent.response).toMatch(/^250/);
      expect(await count('over tls')).toBe(1);
      // Not required: a sender without TLS is still taken.
      expect((await plainClient(smtp.port).sendMail(mail('plain allowed'))).response).toMatch(/^250/);
      expect(await count('plain allowed')).toBe(1);
      expect(lines).toEqual([`info SMTP listener on 127.0.0.1:${smtp.port}; STARTTLS offered`]);
      // The greeting names the host the certificate is for.
      expect(await greeting(smtp.port)).toMatch(/^220 localhost /);
    } finally {
      await smtp.close();
    }
  });

  it('with TLS required, refuses mail before STARTTLS with 530 and stores nothing', async () => {
    const smtp = await startSmtpListener({
      database: app.database,
      port: 0,
      host: '127.0.0.1',
      tls: tlsSettings(a, true),
    });
    try {
      const refused = plainClient(smtp.port).sendMail(mail('plain refused'));
      await expect(refused).rejects.toMatchObject({ responseCode: 530 });
      await expect(refused).rejects.toThrow(/STARTTLS/);
      expect(await count('plain refused')).toBe(0);
      const sent = await tlsClient(smtp.port, a.cert).sendMail(mail('required and used'));
      expect(sent.response).toMatch(/^250/);
      expect(await count('required and used')).toBe(1);
    } finally {
      await smtp.close();
    }
  });

  it('without a certificate offers no STARTTLS and says once that TLS is off', async () => {
    const { lines, log } = recordingLog();
    const smtp = await startSmtpListener({ database: app.database, port: 0, host: '127.0.0.1', log });
    try {
      await expect(tlsClient(smtp.port, a.cert).sendMail(mail('no tls'))).rejects.toThrow(/STARTTLS/i);
      expect(await count('no tls')).toBe(0);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^info SMTP listener on 127\.0\.0\.1:\d+; TLS is off/);
    } finally {
      await smtp.close();
    }
  });

  it('takes a renewed certificate into use without a restart', async () => {
    const cert = path.join(dir, 'live.crt');
    const key = path.join(dir, 'live.key');
    copyFileSync(a.cert, cert);
    copyFileSync(a.key, key);
    const { lines, log } = recordingLog();
    const smtp = await startSmtpListener({
      database: app.database,
      port: 0,
      host: '127.0.0.1',
      tls: tlsSettings({ cert, key }),
      log,
      tlsCheckMs: 50,
    });
    try {
      await expect(tlsClient(smtp.port, b.cert).sendMail(mail('before renewal'))).rejects.toThrow();
      // Half-way through a renewal the key no longer fits the certificate: the old pair stays.
      writeFileSync(key, readFileSync(b.key));
      await expect
        .poll(() => lines.at(-1), { timeout: 5000 })
        .toBe('warn SMTP TLS certificate not reloaded; the previous one stays in use');
      const during = await tlsClient(smtp.port, a.cert).sendMail(mail('during renewal'));
      expect(during.response).toMatch(/^250/);
      writeFileSync(cert, readFileSync(b.cert));
      await expect.poll(() => lines.at(-1), { timeout: 5000 }).toBe('info SMTP TLS certificate reloaded');
      const sent = await tlsClient(smtp.port, b.cert).sendMail(mail('after renewal'));
      expect(sent.response).toMatch(/^250/);
      expect(await count('after renewal')).toBe(1);
    } finally {
      await smtp.close();
    }
  });
});

describe('the TLS settings', () => {
  const settings = (cert?: string, key?: string, required = false) => ({
    smtpTlsCert: cert,
    smtpTlsKey: key,
    smtpRequireTls: required,
  });

  it('are off when neither file is named', () => {
    expect(loadSmtpTls(loadConfig({}))).toBeUndefined();
  });

  it('stop the start with one line naming the setting', () => {
    const missing = path.join(dir, 'missing.crt');
    expect(() => loadSmtpTls(settings(missing, a.key))).toThrow(
      `WAYMARK_SMTP_TLS_CERT: cannot read ${missing} (ENOENT)`,
    );
    expect(() => loadSmtpTls(settings(a.cert, b.key))).toThrow(
      `WAYMARK_SMTP_TLS_KEY: ${b.key} is not the key of the certificate in ${a.cert} (WAYMARK_SMTP_TLS_CERT)`,
    );
    expect(() => loadSmtpTls(settings(a.key, a.key))).toThrow(
      `WAYMARK_SMTP_TLS_CERT: ${a.key} holds no PEM certificate`,
    );
    expect(() => loadSmtpTls(settings(a.cert, a.cert))).toThrow(
      `WAYMARK_SMTP_TLS_KEY: ${a.cert} holds no unencrypted PEM private key`,
    );
    expect(() => loadSmtpTls(settings(a.cert))).toThrow(
      'WAYMARK_SMTP_TLS_CERT is set but WAYMARK_SMTP_TLS_KEY is not',
    );
    expect(() => loadSmtpTls(settings(undefined, undefined, true))).toThrow(
      'WAYMARK_SMTP_REQUIRE_TLS needs WAYMARK_SMTP_TLS_CERT and WAYMARK_SMTP_TLS_KEY',
    );
  });
});
