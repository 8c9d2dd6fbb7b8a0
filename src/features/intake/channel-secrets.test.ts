import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { as, buildUser, signIn, startTestApp, type TestApp } from '../../../test/helpers/app';
import { textAsTwilio } from '../../../test/helpers/twilio';
import { createWaymark } from '../../app';
import { loadConfig, type Config } from '../../platform/config';
import { FatalError } from '../../platform/errors';
import { keyIdFor } from '../../platform/secrets/box';
import { upsertChannel } from './channels';
import { intakeSettings } from './settings';

/** The operator's key for this file's server (as WAYMARK_SECRET_KEY). */
const KEY = randomBytes(32).toString('base64');
const idOf = (base64: string): string => keyIdFor(Buffer.from(base64, 'base64'));
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ publicUrl: 'https://hotline.example.org', secretKey: KEY });
});
afterAll(async () => app?.close());

const TOKEN = 'sealed-token-0123456789abcdef0123';
const OLD_TOKEN = 'plain-token-fedcba9876543210abcd';

/** Posts a text as Twilio does, signed with `token`. */
const sms = (token: string, to: string, sid: string) => textAsTwilio(app, token, { sid, to });

const stored = async (address: string): Promise<string | null> =>
  (
    await app.database.db
      .selectFrom('hotline_channels')
      .select('twilio_auth_token')
      .where('address', '=', address)
      .executeTakeFirstOrThrow()
  ).twilio_auth_token;

/** Another server start on the same database, as `waymark serve` makes one. */
async function start(overrides: Partial<Config> = {}): Promise<void> {
  const config = loadConfig(
    {},
    { logLevel: 'silent', dataDir: 'memory://', port: 0, secretKey: KEY, ...overrides },
  );
  const { http } = await createWaymark({ config, database: app.database, logger: false });
  await http.close();
}

/** The one line a start stops with. */
async function refusal(overrides: Partial<Config>): Promise<string> {
  const err: unknown = await start(overrides).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FatalError);
  return (err as Error).message;
}

describe('a Twilio auth token set by an administrator', () => {
  it('is stored sealed, never as given, and webhooks signed with it are accepted', async () => {
    const admin = await buildUser(app, { role: 'admin' });
    const call = as(app, await signIn(app, admin));
    const added = await call({
      method: 'POST',
      url: '/api/channels',
      payload: { kind: 'text', address: '+16015552001', twilioAuthToken: TOKEN },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json().twilioAuthToken).toEqual({ set: true, last4: TOKEN.slice(-4) });
    const column = (await stored('+16015552001')) ?? '';
    expect(column).toMatch(new RegExp(`^wm1\\.${app.secrets.keyId}\\.`));
    expect(column).not.toContain(TOKEN);
    expect(column).not.toContain(TOKEN.slice(0, 8));
    expect((await sms(TOKEN, '+16015552001', 'SMsealed1')).statusCode).toBe(200);
    expect((await sms(OLD_TOKEN, '+16015552001', 'SMsealed2')).statusCode).toBe(403);
  });
});

describe('an advocate’s reply by text', () => {
  it('reaches Twilio with the token itself, opened from what is stored', async () => {
    const SID = `AC${'0123456789abcdef'.repeat(2)}`;
    const admin = await buildUser(app, { role: 'admin' });
    const call = as(app, await signIn(app, admin));
    const added = await call({
      method: 'POST',
      url: '/api/channels',
      payload: { kind: 'text', address: '+16015552003', twilioAccountSid: SID, twilioAuthToken: TOKEN },
    });
    expect(added.statusCode).toBe(201);
    expect((await sms(TOKEN, '+16015552003', 'SMreply1')).statusCode).toBe(200);
    const signal = await app.database.db
      .selectFrom('signals')
      .select('id')
      .where('hotline_id', '=', admin.hotlineId)
      .executeTakeFirstOrThrow();

    const sent: Array<{ url: string; authorization: string }> = [];
    vi.stubGlobal('fetch', async (url: string, init: { headers: Record<string, string> }) => {
      sent.push({ url, authorization: init.headers.authorization ?? '' });
      return new Response(JSON.stringify({ sid: 'SMout1' }), { status: 201 });
    });
    const settings = intakeSettings as { outbound: string };
    settings.outbound = 'live';
    try {
      const reply = await call({
        method: 'POST',
        url: `/api/signals/${signal.id}/replies`,
        payload: { body: 'We are here.' },
      });
      expect(reply.statusCode, reply.body).toBe(201);
    } finally {
      settings.outbound = 'development';
      vi.unstubAllGlobals();
    }
    expect(sent).toEqual([
      {
        url: `https://api.twilio.com/2010-04-01/Accounts/${SID}/Messages.json`,
        authorization: `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`,
      },
    ]);
  });
});

describe('a token stored before tokens were sealed', () => {
  it('keeps working, and is sealed at the next start', async () => {
    const admin = await buildUser(app, { role: 'admin' });
    await upsertChannel(app.database.db, {
      hotlineId: admin.hotlineId,
      kind: 'text',
      address: '+16015552002',
      twilioAuthToken: OLD_TOKEN,
    });
    expect(await stored('+16015552002')).toBe(OLD_TOKEN);
    expect((await sms(OLD_TOKEN, '+16015552002', 'SMplain1')).statusCode).toBe(200);

    await start();
    const column = (await stored('+16015552002')) ?? '';
    expect(column).toMatch(/^wm1\./);
    expect(column).not.toContain(OLD_TOKEN);
    expect((await sms(OLD_TOKEN, '+16015552002', 'SMplain2')).statusCode).toBe(200);
    const list = await as(app, await signIn(app, admin))({ method: 'GET', url: '/api/channels' });
    expect(list.json().channels[0].twilioAuthToken).toEqual({ set: true, last4: OLD_TOKEN.slice(-4) });
  });
});

describe('the secret key', () => {
  it('that is not the one the tokens were sealed with stops the start with one line naming both', async () => {
    const other = randomBytes(32);
    const message = await refusal({ secretKey: other.toString('base64') });
    expect(message).toContain(app.secrets.keyId);
    expect(message).toContain(keyIdFor(other));
    expect(message).toContain('WAYMARK_SECRET_KEY');
    expect(message).not.toContain('\n');
    expect(message).not.toContain(other.toString('base64'));
    expect(await refusal({ secretKey: 'too-short' })).toMatch(/^WAYMARK_SECRET_KEY: /);
    // Nothing was changed by the refused starts: the tokens still open with the right key.
    expect((await sms(TOKEN, '+16015552001', 'SMkey1')).statusCode).toBe(200);
  });

  it('is rotated by starting with the new key and the previous one; then the new one alone will do', async () => {
    expect(app.secrets.keyId).toBe(idOf(KEY));
    const next = randomBytes(32).toString('base64');
    const current = (await stored('+16015552001')) ?? '';
    await start({ secretKey: next, previousSecretKey: KEY });
    const rotated = (await stored('+16015552001')) ?? '';
    expect(rotated).not.toBe(current);
    expect(rotated).toMatch(new RegExp(`^wm1\\.${idOf(next)}\\.`));
    await start({ secretKey: next });
    expect(await refusal({ secretKey: KEY })).toContain(idOf(next));
    // Back to this file's key, so that its server opens the tokens again.
    await start({ secretKey: KEY, previousSecretKey: next });
    expect((await stored('+16015552001')) ?? '').toMatch(new RegExp(`^wm1\\.${idOf(KEY)}\\.`));
    expect((await sms(TOKEN, '+16015552001', 'SMkey2')).statusCode).toBe(200);
  });
});
