import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildHotline, startTestApp, type TestApp } from '../../../test/helpers/app';
import { systemActor } from '../../platform/audit/audit';
import { inIntakeBatch } from './batch';
import { recordSignal } from './service';

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
