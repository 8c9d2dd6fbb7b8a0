/** Opens a case on a new signal the way an advocate does, through the API. */
import { expect } from 'vitest';
import type { as, TestApp } from '../../../../test/helpers/app';
import { buildSignal } from './factories';

export async function openCaseThroughApi(
  app: TestApp,
  call: ReturnType<typeof as>,
  hotlineId: string,
  summary = 'Farm',
): Promise<{ id: string; version: number; referenceCode: string }> {
  const signal = await buildSignal(app.database.db, { hotlineId });
  const res = await call({ method: 'POST', url: '/api/cases', payload: { signalId: signal.id, summary } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
