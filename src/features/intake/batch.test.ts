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
