import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHotline, buildUser, startTestApp, type TestApp } from '../../../test/helpers/app';
import { buildSignal } from '../cases/testing/factories';
import { signInApart } from '../cases/testing/sign-in';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

async function advocateOf(
  hotlineId: string,
  role: 'advocate' | 'analyst' | 'coordinator' | 'partner' = 'advocate',
) {
  const user = await buildUser(app, { role, hotlineId });
  return { user, call: await signInApart(app, user) };
}

describe('screening a signal', () => {
  it('suggests, records the decision with its checklist version, and records an override with its reason', async () => {
    const hotline = await buildHotline(app);
    const { call } = await advocateOf(hotline.id);
    const signal = await buildSignal(app.database.db, {
      hotlineId: hotline.id,
      content: { messages: [{ from: 'visitor', text: 'My cousin is 16 and they sell her at a motel.' }] },
    });

    const list = await call({ method: 'GET', url: '/api/screening/signals' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((s: { id: string }) => s.id)).toContain(signal.id);

    const checklist = (await call({ method: 'GET', url: '/api/screening/checklist' })).json();
    expect(checklist.version).toBe('2026.1');
    const detail = (await call({ method: 'GET', url: `/api/screening/signals/${signal.id}` })).json();
    expect(detail.transcript[0].text).toContain('16');

    const answers = { purpose: 'report', commercial_sex: 'yes', commercial_sex_youngest_age: 16 };
    const overrideWithoutReason = await call({
      method: 'POST',
      url: `/api/screening/signals/${signal.id}/screenings`,
      payload: {
        signalVersion: detail.version,
        checklistVersion: checklist.version,
        answers,
        decision: { category: 'crisis', traffickingType: 'sex', indicatorLevel: 'high' },
      },
    });
    expect(overrideWithoutReason.statusCode).toBe(400);
    expect(overrideWithoutReason.json().error.details.fields[0].path).toBe('body.overrideReason');

    const saved = await call({
      method: 'POST',
      url: `/api/screening/signals/${signal.id}/screenings`,
      payload: {
        signalVersion: detail.version,
        checklistVersion: checklist.version,
        answers,
        decision: { category: 'crisis', traffickingType: 'sex', indicatorLevel: 'high' },
        overrideReason: 'She is at the motel tonight',
      },
    });
    expect(saved.statusCode).toBe(201);
    expect(saved.json()).toMatchObject({
      checklistVersion: '2026.1',
      suggested: { category: 'tip', traffickingType: 'sex', indicatorLevel: 'high' },
      category: 'crisis',
      overridden: true,
    });

    const stale = await call({
      method: 'POST',
      url: `/api/screening/signals/${signal.id}/screenings`,
      payload: {
        signalVersion: detail.version,
        checklistVersion: checklist.version,
        answers,
        decision: { category: 'tip', traffickingType: 'sex', indicatorLevel: 'high' },
      },
    });
    expect(stale.statusCode).toBe(409);

    const after = (await call({ method: 'GET', url: `/api/screening/signals/${signal.id}` })).json();
    expect(after).toMatchObject({ status: 'triaged', category: 'crisis', screening: { overridden: true } });
    const audit = await app.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', signal.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['signal.read', 'signal.screened_with_override']),
    );
  });

  it('refuses answers that do not fit the checklist, with field paths', async () => {
    const hotline = await buildHotline(app);
    const { call } = await advocateOf(hotline.id);
    const signal = await buildSignal(app.database.db, { hotlineId: hotline.id });
    const res = await call({
      method: 'POST',
      url: `/api/screening/signals/${signal.id}/screenings`,
      payload: {
        signalVersion: 1,
        checklistVersion: '2026.1',
        answers: { threats: 'maybe', commercial_sex_youngest_age: 'young' },
        decision: { category: 'tip', traffickingType: 'sex', indicatorLevel: 'high' },
      },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(['body.answers.threats', 'body.answers.commercial_sex_youngest_age']);
  });

  it('another hotline’s signal is not found, also in the list; analysts and partners are refused', async () => {
    const mine = await buildHotline(app);
    const other = await buildHotline(app);
    const signal = await buildSignal(app.database.db, { hotlineId: mine.id });
    const { call: stranger } = await advocateOf(other.id);
    expect((await stranger({ method: 'GET', url: `/api/screening/signals/${signal.id}` })).statusCode).toBe(
      404,
    );
    const list = (await stranger({ method: 'GET', url: '/api/screening/signals' })).json();
    expect(list.items.map((s: { id: string }) => s.id)).not.toContain(signal.id);
    for (const role of ['analyst', 'coordinator', 'partner'] as const) {
      const { call } = await advocateOf(mine.id, role);
      expect((await call({ method: 'GET', url: `/api/screening/signals/${signal.id}` })).statusCode).toBe(
        403,
      );
      expect((await call({ method: 'GET', url: '/api/screening/signals' })).statusCode).toBe(403);
    }
  });
});
