import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildHotline, startTestApp, type TestApp } from '../../../test/helpers/app';
import { systemActor } from '../../platform/audit/audit';
import { createNotifier } from '../../platform/db/notify';
import { inIntakeBatch } from './batch';
import { insertSignal } from './insert-signal';
import { recordSignal, SIGNALS_CHANNEL } from './service';

let app: TestApp;
let hotlineId: string;

beforeAll(async () => {
  app = await startTestApp();
  hotlineId = (await buildHotline(app)).id;
});
afterAll(async () => app.close());

it('commits contacts that arrive together, and one failing leaves no trace and touches no other', async () => {
  const who = systemActor('system:test', hotlineId);
  const outcomes = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) =>
      inIntakeBatch(app.database, async (trx) => {
        const s = await recordSignal(trx, who, {
          hotlineId,
          channel: 'webform',
          providerId: `batch-${i}`,
          content: {},
        });
        if (i % 5 === 0) throw new Error('refused after writing');
        return s.id;
      }),
    ),
  );
  expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(4);
  const stored = await app.database.db
    .selectFrom('signals')
    .select('provider_id')
    .where('hotline_id', '=', hotlineId)
    .execute();
  expect(stored.map((r) => r.provider_id).sort()).toEqual(
    Array.from({ length: 20 }, (_, i) => i)
      .filter((i) => i % 5 !== 0)
      .map((i) => `batch-${i}`)
      .sort(),
  );
  const audit = await app.database.db
    .selectFrom('audit_events')
    .select('subject_id')
    .where('hotline_id', '=', hotlineId)
    .where('action', '=', 'signal.received')
    .execute();
  expect(audit).toHaveLength(16);
});

it('writes contacts that go together in one statement: a bad row loses no other, a repeated id is stored once', async () => {
  const who = systemActor('system:test', hotlineId);
  const elsewhere = '00000000-0000-4000-8000-000000000000'; // no such hotline: the database refuses the row
  const outcomes = await Promise.allSettled(
    Array.from({ length: 12 }, (_, i) =>
      inIntakeBatch(
        app.database,
        async (trx) =>
          recordSignal(trx, who, {
            hotlineId: i === 7 ? elsewhere : hotlineId,
            channel: 'webform',
            providerId: i === 3 ? 'together-2' : `together-${i}`,
            content: { i },
          }),
        { together: true },
      ),
    ),
  );
  expect(outcomes.map((o) => o.status)).toEqual(
    Array.from({ length: 12 }, (_, i) => (i === 7 ? 'rejected' : 'fulfilled')),
  );
  const ids = outcomes.map((o) => (o.status === 'fulfilled' ? o.value.id : null));
  expect(ids[3]).toBe(ids[2]);
  const stored = await app.database.db
    .selectFrom('signals')
    .select('provider_id')
    .where('hotline_id', '=', hotlineId)
    .where('provider_id', 'like', 'together-%')
    .execute();
  expect(stored.map((r) => r.provider_id).sort()).toEqual(
    [0, 1, 2, 4, 5, 6, 8, 9, 10, 11].map((i) => `together-${i}`).sort(),
  );
});

it('writes reports with and without a reporter to reach in one batch: each with its signaler, statistics row, audit row and notification', async () => {
  const who = systemActor('system:test', hotlineId);
  const notifier = createNotifier(app.database);
  const heard = new Set<string>();
  await notifier.subscribe(SIGNALS_CHANNEL, (p) =>
    heard.add((JSON.parse(p) as { signalId: string }).signalId),
  );
  const report = (i: number) => (trx: Parameters<Parameters<typeof inIntakeBatch>[1]>[0]) =>
    recordSignal(trx, who, {
      hotlineId,
      channel: 'webform',
      providerId: `mixed-${i}`,
      state: 'MS',
      signaler:
        i % 2
          ? { role: 'community_member', email: `reporter${i % 4}@example.org` }
          : { role: 'family_friend' },
      content: { i },
    });
  const before = await inIntakeBatch(app.database, report(0), { together: true });
  const outcomes = await Promise.all(
    Array.from({ length: 8 }, (_, i) => inIntakeBatch(app.database, report(i), { together: true })),
  );
  expect(outcomes[0]).toMatchObject({ id: before.id, referenceCode: before.referenceCode, created: false });
  expect(outcomes.slice(1).every((o) => o.created)).toBe(true);
  const ids = outcomes.map((o) => o.id);
  expect(new Set(ids).size).toBe(8);

  // The signal, its reporter, and the statistics row the insert trigger wrote (0012, 0019).
  const { rows } = await sql<{
    i: number;
    signaler: string;
    role: string;
    email: string | null;
    fact_role: string | null;
    state: string | null;
  }>`
    select (s.content->>'i')::int as i, p.id as signaler, p.role, p.email, f.signaler_role as fact_role, f.state
    from signals s join signalers p on p.id = s.signaler_id
    left join stat_signal_states f on f.signal_id = s.id
    where s.id = any(${ids}::uuid[])`.execute(app.database.db);
  const byI = new Map(rows.map((r) => [r.i, r]));
  for (let i = 0; i < 8; i++) {
    const r = byI.get(i);
    expect(r).toMatchObject({ role: i % 2 ? 'community_member' : 'family_friend', state: 'MS' });
    expect(r?.fact_role).toBe(r?.role);
  }
  expect([1, 3, 5, 7].map((i) => byI.get(i)?.email)).toEqual(
    [1, 3, 1, 3].map((n) => `reporter${n}@example.org`),
  );
  // Every report without a way to reach its reporter has a reporter of its own.
  expect(new Set([0, 2, 4, 6].map((i) => byI.get(i)?.signaler)).size).toBe(4);

  const audited = await app.database.db
    .selectFrom('audit_events')
    .select('subject_id')
    .where('action', '=', 'signal.received')
    .where('subject_id', 'in', ids)
    .execute();
  expect(audited).toHaveLength(8);
  for (let tries = 0; tries < 50 && ids.some((id) => !heard.has(id)); tries++)
    await new Promise((r) => setTimeout(r, 50));
  await notifier.close();
  expect(ids.filter((id) => !heard.has(id))).toEqual([]);
});

it('announces each anonymous report of one batch on the channel it was written for', async () => {
  const who = systemActor('system:test', hotlineId);
  const notifier = createNotifier(app.database);
  const heard = new Map<string, string>();
  for (const channel of ['intake_batch_a', 'intake_batch_b'])
    await notifier.subscribe(channel, (p) =>
      heard.set((JSON.parse(p) as { signalId: string }).signalId, channel),
    );
  const report = (i: number, channel: string) =>
    inIntakeBatch(
      app.database,
      (trx) =>
        insertSignal(
          trx,
          who,
          {
            hotlineId,
            referenceCode: `WM-CH${i}`,
            channel: 'webform',
            receivedAt: new Date(),
            language: null,
            state: null,
            stateInferred: false,
            city: null,
            locationText: null,
            content: '{}',
            providerId: `announced-${i}`,
            threadKey: null,
            appendSecretHash: null,
          },
          {
            role: 'other',
            name: null,
            phone: null,
            email: null,
            language: null,
            contactSafe: null,
            contactInstructions: null,
          },
          null,
          channel,
        ),
      { together: true },
    );
  const channels = Array.from({ length: 10 }, (_, i) => (i % 2 ? 'intake_batch_b' : 'intake_batch_a'));
  const outcomes = await Promise.all(channels.map((channel, i) => report(i, channel)));
  const expected = new Map(outcomes.map((o, i) => [o.id, channels[i]]));
  for (let tries = 0; tries < 50 && heard.size < channels.length; tries++)
    await new Promise((r) => setTimeout(r, 50));
  await notifier.close();
  expect(heard).toEqual(expected);
});
