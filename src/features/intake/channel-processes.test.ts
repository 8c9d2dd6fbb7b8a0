import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { as, buildHotline, buildUser, signIn, startTestApp, type TestApp } from '../../../test/helpers/app';
import { onPostgres } from '../../../test/helpers/database';
import { textAsTwilio } from '../../../test/helpers/twilio';
import { startCluster, type Cluster } from '../../../test/pg-cluster';
import { createWaymark, type Waymark } from '../../app';
import { systemActor } from '../../platform/audit/audit';
import { openDatabase, type Database } from '../../platform/db/database';
import { addChannel, changeChannel } from './channel-admin';
import { changeChannels } from './channels';

const TOKEN = 'first-token-0123456789abcdef0123';
const NEW_TOKEN = 'second-token-fedcba9876543210abcd';
const NUMBER = '+16015553001';

/** Two server processes on one PostgreSQL, each with its own memory of channels. */
let app: TestApp;
let otherDatabase: Database;
let other: Waymark;
let cluster: Cluster | undefined;
beforeAll(async () => {
  // The embedded database has one process; several need PostgreSQL: the suite's, or a throwaway
  // cluster when the suite runs on the embedded one.
  const url = onPostgres() ? undefined : (cluster = await startCluster()).url;
  app = await startTestApp({ publicUrl: 'https://hotline.example.org' }, url ? { url } : {});
  otherDatabase = await openDatabase({ dataDir: '', databaseUrl: app.database.url });
  other = await createWaymark({ config: app.config, database: otherDatabase, logger: false });
  await other.http.ready();
}, 120_000);
afterAll(async () => {
  await other?.http.close();
  await otherDatabase?.close();
  await app?.close();
  cluster?.stop();
});

/** A text to the other server, signed with `token`, as Twilio sends it. */
async function smsToOther(token: string, sid: string): Promise<number> {
  return (await textAsTwilio({ ...app, http: other.http }, token, { sid, to: NUMBER })).statusCode;
}

describe('a token changed through one server process', () => {
  it('is in use on another as soon as it commits, not 2 seconds later', async () => {
    const admin = await buildUser(app, { role: 'admin' });
    const call = as(app, await signIn(app, admin));
    const added = await call({
      method: 'POST',
      url: '/api/channels',
      payload: { kind: 'text', address: NUMBER, twilioAuthToken: TOKEN },
    });
    expect(added.statusCode).toBe(201);
    expect(await smsToOther(TOKEN, 'SMproc1')).toBe(200); // the other process now remembers the channel

    // The clock stands still: what the other process remembers can only go by being told.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const changed = await call({
        method: 'PATCH',
        url: `/api/channels/${added.json().id}`,
        payload: { twilioAuthToken: NEW_TOKEN },
      });
      expect(changed.statusCode).toBe(200);
      let n = 0;
      await expect.poll(() => smsToOther(TOKEN, `SMproc-old-${n++}`), { timeout: 1500 }).toBe(403);
      expect(await smsToOther(NEW_TOKEN, 'SMproc2')).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });
});

/** A text to this server, signed with `token`, as Twilio sends it. */
async function sms(token: string, to: string, sid: string): Promise<number> {
  return (await textAsTwilio(app, token, { sid, to })).statusCode;
}

/** The texts stored with this MessageSid. */
const textsFor = (hotlineId: string, sid: string) =>
  app.database.db
    .selectFrom('signal_messages')
    .select('signal_id')
    .where('hotline_id', '=', hotlineId)
    .where('provider_id', '=', sid)
    .execute();

describe('a webhook while an administrator’s new token is being committed', () => {
  // Only PostgreSQL lets a webhook read the channel while the change's transaction is open.
  it('is checked against the old token, and the new one is in use once committed', async () => {
    const hotlineId = (await buildHotline(app)).id;
    const who = systemActor('system:test', hotlineId);
    const number = '+16015553002';
    const channel = await changeChannels(app.database.db, app.database, (trx, touched) =>
      addChannel(
        trx,
        who,
        hotlineId,
        { kind: 'text', address: number, twilioAuthToken: TOKEN },
        app.secrets,
        touched,
      ),
    );
    await changeChannels(app.database.db, app.database, async (trx, touched) => {
      await changeChannel(
        trx,
        who,
        hotlineId,
        channel.id,
        { twilioAuthToken: NEW_TOKEN },
        app.secrets,
        touched,
      );
      // Not committed yet: the webhook reads the row as it still is, and this process remembers it.
      expect(await sms(TOKEN, number, 'SMwindow1')).toBe(200);
    });
    // Nothing waits out the 2 seconds a channel is remembered: the commit is in use at once.
    expect(await sms(TOKEN, number, 'SMwindow2')).toBe(403);
    expect(await textsFor(hotlineId, 'SMwindow2')).toEqual([]);
    expect(await sms(NEW_TOKEN, number, 'SMwindow3')).toBe(200);
  });
});
