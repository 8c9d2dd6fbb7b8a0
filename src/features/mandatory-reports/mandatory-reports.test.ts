import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildHotline, buildUser, signIn, startTestApp, type TestApp } from '../../../test/helpers/app';
import { buildCase } from '../referrals/test-factories';
import { JURISDICTIONS_DIR, loadJurisdictions, parseJurisdiction } from './jurisdictions';
import type { RequiredReport } from './schema';
import { assertCaseMayClose, closeBlocker } from './service';
import { raiseForChangedCases } from './sweep';

let app: TestApp;
let hotlineId: string;
let advocate: ReturnType<typeof as>;
let supervisor: ReturnType<typeof as>;
beforeAll(async () => {
  app = await startTestApp();
  hotlineId = (await buildHotline(app)).id;
  advocate = as(app, await signIn(app, await buildUser(app, { role: 'advocate', hotlineId })));
  supervisor = as(app, await signIn(app, await buildUser(app, { role: 'supervisor', hotlineId })));
});
afterAll(async () => app?.close());

/**
 * The factory writes a case straight to the database, as an import would: nothing has raised its
 * reports yet, so this checks its facts the way the console does when it opens the case's reports.
 */
async function reportsOf(caseId: string): Promise<RequiredReport[]> {
  const res = await advocate({ method: 'POST', url: `/api/cases/${caseId}/required-reports/check` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ reports: RequiredReport[] }>().reports;
}

async function readReports(caseId: string): Promise<RequiredReport[]> {
  const res = await advocate({ method: 'GET', url: `/api/cases/${caseId}/required-reports` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ reports: RequiredReport[] }>().reports;
}

describe('required reports in Mississippi', () => {
  it('a minor victim raises the child protective services report, and the case cannot close until it is filed or waived', async () => {
    const kase = await buildCase(app.database.db, { hotlineId, states: ['MS'], victims: [{ ageYears: 16 }] });
    const reports = await reportsOf(kase.id);
    const cps = reports.find((r) => r.ruleId === 'ms-cps-minor')!;
    expect(cps).toMatchObject({ jurisdiction: 'MS', status: 'due', basis: 'law' });
    expect(cps.agency?.channels).toEqual(
      expect.arrayContaining([
        { type: 'phone', value: '1-800-222-8000' },
        { type: 'online_form', value: 'https://reportabuse.mdcps.ms.gov/' },
      ]),
    );
    expect(new Date(cps.dueAt).getTime() - new Date(cps.raisedAt).getTime()).toBe(24 * 3_600_000);
    const coordinator = reports.find((r) => r.ruleId === 'ms-coordinator-minor')!;
    expect(coordinator.status).toBe('due');

    expect(await closeBlocker(app.database.db, hotlineId, kase.id)).toMatch(/Child Protection Services/);
    await expect(assertCaseMayClose(app.database.db, hotlineId, kase.id)).rejects.toMatchObject({
      code: 'conflict',
    });

    const filed = await advocate({
      method: 'POST',
      url: `/api/required-reports/${cps.id}/file`,
      payload: {
        filedAt: new Date().toISOString(),
        method: 'phone',
        filedTo: 'MDCPS intake line',
        referenceNumber: 'MS-123',
        version: cps.version,
      },
    });
    expect(filed.statusCode).toBe(200);
    expect(filed.json()).toMatchObject({ status: 'filed', referenceNumber: 'MS-123' });
    expect(await closeBlocker(app.database.db, hotlineId, kase.id)).not.toBeNull();

    // Only a supervisor waives.
    const byAdvocate = await advocate({
      method: 'POST',
      url: `/api/required-reports/${coordinator.id}/waive`,
      payload: { reason: 'Reported by the police already', version: coordinator.version },
    });
    expect(byAdvocate.statusCode).toBe(403);
    const waived = await supervisor({
      method: 'POST',
      url: `/api/required-reports/${coordinator.id}/waive`,
      payload: { reason: 'The coordinator opened this case and told us', version: coordinator.version },
    });
    expect(waived.statusCode).toBe(200);
    expect(await closeBlocker(app.database.db, hotlineId, kase.id)).toBeNull();
    await assertCaseMayClose(app.database.db, hotlineId, kase.id);

    const print = await advocate({ method: 'GET', url: `/api/cases/${kase.id}/required-reports/print` });
    expect(print.headers['content-type']).toMatch(/text\/html/);
    expect(print.body).toContain(kase.referenceCode);
    expect(print.body).toContain('MS-123');
    expect(print.body).toContain('The coordinator opened this case and told us');

    const timeline = await app.database.db
      .selectFrom('referral_timeline')
      .select('kind')
      .where('case_id', '=', kase.id)
      .execute();
    expect(timeline.map((t) => t.kind)).toEqual(
      expect.arrayContaining(['required_report.raised', 'required_report.filed', 'required_report.waived']),
    );
  });

  it('an adult victim raises nothing until they consent to law enforcement being told', async () => {
    const kase = await buildCase(app.database.db, { hotlineId, states: ['MS'], victims: [{ ageYears: 30 }] });
    expect(await reportsOf(kase.id)).toEqual([]);
    const consent = await advocate({
      method: 'PUT',
      url: `/api/cases/${kase.id}/persons/${kase.victimIds[0]}/law-enforcement-consent`,
      payload: { consents: true },
    });
    expect(consent.statusCode).toBe(200);
    expect((await reportsOf(kase.id)).map((r) => r.ruleId)).toEqual(['ms-coordinator-adult-consent']);
  });

  it('reading a case’s reports never raises one; checking its facts does, once', async () => {
    const kase = await buildCase(app.database.db, { hotlineId, states: ['MS'], victims: [{ ageYears: 14 }] });
    expect(await readReports(kase.id)).toEqual([]);
    expect(await readReports(kase.id)).toEqual([]);
    const checked = await reportsOf(kase.id);
    expect(checked.map((r) => r.ruleId).sort()).toEqual(['ms-coordinator-minor', 'ms-cps-minor']);
    expect((await readReports(kase.id)).map((r) => r.id).sort()).toEqual(checked.map((r) => r.id).sort());
    expect(await reportsOf(kase.id)).toHaveLength(2);
  });

  it('a minor in another state raises no Mississippi report', async () => {
    const kase = await buildCase(app.database.db, {
      hotlineId,
      states: ['MO'],
      victims: [{ isMinor: true }],
    });
    expect(await reportsOf(kase.id)).toEqual([]);
  });

  it('supervisors see what is due and what is overdue; advocates do not list the hotline', async () => {
    const kase = await buildCase(app.database.db, {
      hotlineId,
      states: ['MS'],
      victims: [{ isMinor: true }],
    });
    await reportsOf(kase.id);
    await app.database.db
      .updateTable('required_reports')
      .set({ due_at: new Date(Date.now() - 3_600_000) })
      .where('case_id', '=', kase.id)
      .where('rule_id', '=', 'ms-cps-minor')
      .execute();
    const overdue = (await supervisor({ method: 'GET', url: '/api/required-reports?view=overdue' })).json<{
      reports: RequiredReport[];
    }>().reports;
    expect(overdue.filter((r) => r.caseId === kase.id).map((r) => r.ruleId)).toEqual(['ms-cps-minor']);
    expect(overdue.every((r) => r.overdue)).toBe(true);
    const due = (await supervisor({ method: 'GET', url: '/api/required-reports' })).json<{
      reports: RequiredReport[];
    }>().reports;
    expect(due.filter((r) => r.caseId === kase.id)).toHaveLength(2);
    expect((await advocate({ method: 'GET', url: '/api/required-reports' })).statusCode).toBe(403);
  });

  it('the periodic sweep raises reports for cases whose facts changed, without anyone opening them', async () => {
    const before = new Date(Date.now() - 1000);
    const kase = await buildCase(app.database.db, { hotlineId, states: ['MS'], victims: [{ ageYears: 12 }] });
    expect(await raiseForChangedCases(app.database.db, new Date(Date.now() + 60_000))).toBe(0);
    expect(await raiseForChangedCases(app.database.db, before)).toBeGreaterThanOrEqual(2);
    expect(await raiseForChangedCases(app.database.db, before)).toBe(0);
    const due = (await supervisor({ method: 'GET', url: '/api/required-reports' })).json<{
      reports: RequiredReport[];
    }>().reports;
    expect(
      due
        .filter((r) => r.caseId === kase.id)
        .map((r) => r.ruleId)
        .sort(),
    ).toEqual(['ms-coordinator-minor', 'ms-cps-minor']);
  });

  it("another hotline's case is not found", async () => {
    const other = await buildHotline(app);
    const kase = await buildCase(app.database.db, {
      hotlineId: other.id,
      states: ['MS'],
      victims: [{ isMinor: true }],
    });
    expect(
      (await advocate({ method: 'GET', url: `/api/cases/${kase.id}/required-reports` })).statusCode,
    ).toBe(404);
    expect(
      (await advocate({ method: 'POST', url: `/api/cases/${kase.id}/required-reports/check` })).statusCode,
    ).toBe(404);
  });
});

describe('jurisdiction files', () => {
  const ms = readFileSync(path.join(JURISDICTIONS_DIR, 'MS.json'), 'utf8');

  it('ship Mississippi only, and the template is valid', () => {
    expect(loadJurisdictions().map((j) => j.jurisdiction)).toEqual(['MS']);
    const template = path.join(JURISDICTIONS_DIR, 'template.json');
    expect(() => parseJurisdiction(template, readFileSync(template, 'utf8'))).not.toThrow();
  });

  it('an unknown field fails with the file and the field', () => {
    const bad = JSON.parse(ms);
    bad.rules[0].sendTo = 'x';
    expect(() => parseJurisdiction('/x/MS.json', JSON.stringify(bad))).toThrow(
      /MS\.json: unknown field "sendTo" at \/rules\/0/,
    );
  });

  it('an unknown condition fails with the file and where', () => {
    const bad = JSON.parse(ms);
    bad.rules[0].condition.all[0] = { fact: 'victim.height', equals: true };
    expect(() => parseJurisdiction('/x/MS.json', JSON.stringify(bad))).toThrow(
      /MS\.json: unknown condition fact at \/rules\/0\/condition\/all\/0\/fact/,
    );
    const op = JSON.parse(ms);
    op.rules[0].condition = { xor: [] };
    expect(() => parseJurisdiction('/x/MS.json', JSON.stringify(op))).toThrow(
      /unknown field "xor" at \/rules\/0\/condition/,
    );
  });
});
