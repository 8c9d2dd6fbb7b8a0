import { afterAll, beforeAll, expect, it } from 'vitest';
import { as, buildHotline, buildUser, signIn, startTestApp, type TestApp } from '../../../test/helpers/app';
import { buildSignal } from '../cases/testing/factories';
import { openCaseThroughApi } from '../cases/testing/open-case';
import type { RequiredReport } from './schema';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

it('a case opened through the cases feature with a minor victim in Mississippi cannot close until its reports are filed or waived', async () => {
  const hotlineId = (await buildHotline(app)).id;
  const advocate = as(app, await signIn(app, await buildUser(app, { role: 'advocate', hotlineId })));
  const supervisor = as(app, await signIn(app, await buildUser(app, { role: 'supervisor', hotlineId })));
  const signal = await buildSignal(app.database.db, { hotlineId });
  const opened = await advocate({
    method: 'POST',
    url: '/api/cases',
    payload: { signalId: signal.id, summary: 'Truck stop on I-55' },
  });
  expect(opened.statusCode).toBe(201);
  const caseId = opened.json<{ id: string }>().id;
  const victim = await advocate({
    method: 'POST',
    url: `/api/cases/${caseId}/persons`,
    payload: { role: 'victim', fullName: 'Test Minor', ageYears: 15 },
  });
  expect(victim.statusCode).toBe(201);
  const location = await advocate({
    method: 'POST',
    url: `/api/cases/${caseId}/locations`,
    payload: { venueType: 'truck_stop', city: 'Jackson', state: 'MS' },
  });
  expect(location.statusCode).toBe(201);
  // The facts changed through the cases feature: the reports are raised then, not when read.
  const raised = await app.database.db
    .selectFrom('required_reports')
    .select('rule_id')
    .where('case_id', '=', caseId)
    .execute();
  expect(raised.map((r) => r.rule_id).sort()).toEqual(['ms-coordinator-minor', 'ms-cps-minor']);

  const close = async () => {
    const page = (await advocate({ method: 'GET', url: `/api/cases/${caseId}` })).json<{ version: number }>();
    return advocate({
      method: 'POST',
      url: `/api/cases/${caseId}/status`,
      payload: { version: page.version, status: 'closed', closeReason: 'services_provided' },
    });
  };
  const refused = await close();
  expect(refused.statusCode).toBe(400);
  expect(refused.body).toMatch(/Child Protection Services/);

  const reports = (await advocate({ method: 'GET', url: `/api/cases/${caseId}/required-reports` })).json<{
    reports: RequiredReport[];
  }>().reports;
  expect(reports.map((r) => r.ruleId).sort()).toEqual(['ms-coordinator-minor', 'ms-cps-minor']);
  const cps = reports.find((r) => r.ruleId === 'ms-cps-minor')!;
  const coordinator = reports.find((r) => r.ruleId === 'ms-coordinator-minor')!;
  await advocate({
    method: 'POST',
    url: `/api/required-reports/${cps.id}/file`,
    payload: {
      filedAt: new Date().toISOString(),
      method: 'online_form',
      filedTo: 'reportabuse.mdcps.ms.gov',
      referenceNumber: 'R-1',
      version: cps.version,
    },
  });
  expect((await close()).statusCode).toBe(400);
  await supervisor({
    method: 'POST',
    url: `/api/required-reports/${coordinator.id}/waive`,
    payload: {
      reason: 'Child protective services will inform the coordinator',
      version: coordinator.version,
    },
  });
  const closed = await close();
  expect(closed.statusCode, closed.body).toBe(200);
});

it('a victim found to be a minor through one case raises the reports of every case they are a victim in', async () => {
  const hotlineId = (await buildHotline(app)).id;
  const advocate = as(app, await signIn(app, await buildUser(app, { role: 'advocate', hotlineId })));
  const openInMississippi = async () => {
    const { id } = await openCaseThroughApi(app, advocate, hotlineId, 'Truck stop on I-55');
    const place = await advocate({
      method: 'POST',
      url: `/api/cases/${id}/locations`,
      payload: { venueType: 'truck_stop', city: 'Jackson', state: 'MS' },
    });
    expect(place.statusCode).toBe(201);
    return id;
  };
  const first = await openInMississippi();
  const second = await openInMississippi();
  const added = await advocate({
    method: 'POST',
    url: `/api/cases/${first}/persons`,
    payload: { role: 'victim', fullName: 'Dana Reyes', ageYears: 19 },
  });
  expect(added.statusCode, added.body).toBe(201);
  const personId = added.json<{ id: string }>().id;
  const again = await advocate({
    method: 'POST',
    url: `/api/cases/${second}/persons`,
    payload: { role: 'victim', personId },
  });
  expect(again.statusCode, again.body).toBe(201);
  const reportsOf = async (caseId: string) =>
    (await advocate({ method: 'GET', url: `/api/cases/${caseId}/required-reports` }))
      .json<{ reports: RequiredReport[] }>()
      .reports.map((r) => r.ruleId)
      .sort();
  expect(await reportsOf(second)).toEqual([]);

  const kase = (await advocate({ method: 'GET', url: `/api/cases/${first}` })).json<{
    people: Array<{ id: string; version: number }>;
  }>();
  const version = kase.people.find((p) => p.id === personId)!.version;
  const changed = await advocate({
    method: 'PUT',
    url: `/api/cases/${first}/persons/${personId}`,
    payload: { version, fullName: 'Dana Reyes', ageYears: 15 },
  });
  expect(changed.statusCode, changed.body).toBe(200);
  // Reading raises nothing: the second case's reports were raised when the age changed.
  expect(await reportsOf(first)).toEqual(['ms-coordinator-minor', 'ms-cps-minor']);
  expect(await reportsOf(second)).toEqual(['ms-coordinator-minor', 'ms-cps-minor']);
});
