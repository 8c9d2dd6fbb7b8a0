import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealStoredTokens } from '../src/features/intake/channel-secrets';
import { upsertChannel } from '../src/features/intake/channels';
import { insertHotline } from '../src/features/hotlines/store';
import { openDatabase } from '../src/platform/db/database';
import { migrate } from '../src/platform/db/migrate';
import { projectRoot } from '../src/platform/paths';
import { secretBox } from '../src/platform/secrets/box';
import { selfSignedPair } from './helpers/tls';
import { freePort, startCluster, type Cluster } from './pg-cluster';

/** `waymark serve --workers N` (the built command), as an operator would start it. */
const BIN = path.join(projectRoot, 'bin', 'waymark.js');

/** The first line an SMTP server sends, or '' when nothing listens. */
const smtpGreeting = (port: number): Promise<string> =>
  new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('data', (d) => {
      s.destroy();
      resolve(d.toString());
    });
    s.once('error', () => resolve(''));
  });

describe('waymark serve --workers', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'waymark-workers-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }));

  it('refuses on the embedded database with one line, and starts nothing', () => {
    const r = spawnSync('node', [BIN, 'serve', '--workers', '2'], {
      env: { ...process.env, WAYMARK_DATA_DIR: dataDir, DATABASE_URL: '', WAYMARK_SMTP_PORT: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      'waymark: --workers needs PostgreSQL (DATABASE_URL): the embedded database can be opened by one process only',
    );
  });

  it('stops at a bad SMTP certificate with one line naming the setting, before any worker starts', () => {
    const missing = path.join(dataDir, 'missing.crt');
    const r = spawnSync('node', [BIN, 'serve', '--workers', '2'], {
      env: {
        ...process.env,
        WAYMARK_DATA_DIR: dataDir,
        DATABASE_URL: 'postgres://127.0.0.1:1/none',
        WAYMARK_SMTP_TLS_CERT: missing,
        WAYMARK_SMTP_TLS_KEY: missing,
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`waymark: WAYMARK_SMTP_TLS_CERT: cannot read ${missing} (ENOENT)\n`);
    expect(r.stdout).toBe('');
  });

  describe('on PostgreSQL', () => {
    let cluster: Cluster;
    beforeAll(async () => {
      cluster = await startCluster();
    }, 120_000);
    afterAll(() => cluster?.stop());

    it('stops once, with one line, when the key does not open the stored tokens, and starts no worker', async () => {
      const setup = await openDatabase({ dataDir: '', databaseUrl: cluster.url });
      try {
        await migrate(setup.db);
        const h = await insertHotline(setup.db, { name: 'Sealed hotline' });
        await upsertChannel(setup.db, {
          hotlineId: h.id,
          kind: 'text',
          address: '+16015550188',
          twilioAccountSid: `AC${'0'.repeat(32)}`,
          twilioAuthToken: 'token-sealed-with-another-key',
        });
        await sealStoredTokens(setup.db, secretBox(randomBytes(32), 'the key of another server'));
      } finally {
        await setup.close();
      }
      const r = spawnSync('node', [BIN, 'serve', '--workers', '2'], {
        env: {
          ...process.env,
          WAYMARK_DATA_DIR: dataDir,
          DATABASE_URL: cluster.url,
          PORT: String(await freePort()),
          WAYMARK_SMTP_PORT: '0',
          WAYMARK_SECRET_KEY: randomBytes(32).toString('base64'),
        },
        encoding: 'utf8',
        timeout: 60_000,
      });
      // Put back for the next test, whatever the checks below find: the channel and its token go.
      const after = await openDatabase({ dataDir: '', databaseUrl: cluster.url });
      await after.db.deleteFrom('hotline_channels').where('address', '=', '+16015550188').execute();
      await after.close();
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(
        /^waymark: The Twilio auth tokens in the database were sealed with secret key /,
      );
      expect(r.stdout).not.toContain('Waymark is running');
    }, 90_000);

    it('takes reports on every process, keeps one SMTP listener taking mail over STARTTLS, and stops on SIGTERM', async () => {
      const setup = await openDatabase({ dataDir: '', databaseUrl: cluster.url });
      await migrate(setup.db);
      const h = await insertHotline(setup.db, { name: 'Workers hotline' });
      await upsertChannel(setup.db, { hotlineId: h.id, kind: 'webform', address: 'default' });
      await upsertChannel(setup.db, { hotlineId: h.id, kind: 'email', address: 'tips@workers.example.org' });
      const [port, smtpPort] = [await freePort(), await freePort()];
      const tls = selfSignedPair(dataDir, 'smtp');
      const child = spawn('node', [BIN, 'serve', '--workers', '3'], {
        env: {
          ...process.env,
          DATABASE_URL: cluster.url,
          PORT: String(port),
          WAYMARK_SMTP_PORT: String(smtpPort),
          WAYMARK_PUBLIC_URL: `http://127.0.0.1:${port}`,
          // The report form's limit per address is kept per process; this test is about the
          // processes, not the limit, so no share of the 30 reports may meet it.
          WAYMARK_REPORT_RATE_LIMIT: '1000',
          WAYMARK_LOG_LEVEL: 'info',
          WAYMARK_SMTP_TLS_CERT: tls.cert,
          WAYMARK_SMTP_TLS_KEY: tls.key,
          WAYMARK_SMTP_REQUIRE_TLS: 'true',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      try {
        // The setup link is the last line the primary prints, possibly in a later chunk.
        await expect.poll(() => out, { timeout: 90_000 }).toMatch(/\/setup#[A-Za-z0-9_-]{40,}\n/);
        expect(out).toContain('3 processes');
        expect(out.match(/Waymark is running/g)).toHaveLength(1);
        expect(out.match(/\/setup#/g)).toHaveLength(1);

        // Separate connections, so the port's round robin hands them to different processes.
        const answers = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            fetch(`http://127.0.0.1:${port}/api/public/reports`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', connection: 'close' },
              body: JSON.stringify({ what: `report ${i} through a worker`, state: 'MS', danger: 'no' }),
            }).then((r) => r.status),
          ),
        );
        expect(answers).toEqual(Array(30).fill(201));
        const stored = await sql<{ n: number }>`select count(*)::int as n from signals`.execute(setup.db);
        expect(stored.rows[0]?.n).toBe(30);
        expect(await smtpGreeting(smtpPort)).toMatch(/^220 /);

        // Real mail over STARTTLS, each on its own connection: one process owns the port, and each
        // message arrives once. The client trusts only the configured certificate.
        const client = (requireTLS: boolean) =>
          nodemailer.createTransport({
            host: '127.0.0.1',
            port: smtpPort,
            secure: false,
            ...(requireTLS
              ? { requireTLS, tls: { ca: [readFileSync(tls.cert)], servername: 'localhost' } }
              : { ignoreTLS: true }),
          });
        const sent = await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            client(true).sendMail({
              from: `neighbour${i}@example.net`,
              to: 'tips@workers.example.org',
              subject: `mail ${i}`,
              text: `mail ${i} through the listener`,
            }),
          ),
        );
        expect(sent.map((s) => s.response.slice(0, 3))).toEqual(Array(6).fill('250'));
        // WAYMARK_SMTP_REQUIRE_TLS: a sender without TLS is refused and nothing is kept.
        await expect(
          client(false).sendMail({
            from: 'x@example.net',
            to: 'tips@workers.example.org',
            subject: 'plain',
            text: 'x',
          }),
        ).rejects.toMatchObject({ responseCode: 530 });
        const mails = await sql<{ subject: string }>`
          select content->'email'->>'subject' as subject from signals where channel = 'email'
          order by subject`.execute(setup.db);
        expect(mails.rows.map((r) => r.subject)).toEqual(Array.from({ length: 6 }, (_, i) => `mail ${i}`));
        // One listener in the logs, and no process that failed on the port and was started again.
        expect(out.match(/SMTP listener on/g)).toHaveLength(1);
        expect(out).toMatch(/SMTP listener on 127\.0\.0\.1:\d+; STARTTLS required/);
        expect(out).not.toMatch(/EADDRINUSE|stopped \(/);
      } finally {
        child.kill('SIGTERM');
        await setup.close();
      }
      expect(await exited).toBe(0);
    }, 180_000);
  });
});
