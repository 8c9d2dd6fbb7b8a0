import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildHotline, buildUser, signIn, startTestApp, type TestApp } from '../../../test/helpers/app';
import { systemActor } from '../../platform/audit/audit';
import { loadDemo } from '../imports/demo/load-demo';

let app: TestApp;
let hotlineId: string;
const MS = '/api/reports/spotlight?state=MS&year=2019&asOf=2020-07-30';

beforeAll(async () => {
  app = await startTestApp();
  hotlineId = (await buildHotline(app)).id;
  await loadDemo(app.database.db, {
    seed: 2019,
    years: [2019],
    states: ['MS', 'MO'],
    scale: 1,
    hotlineId,
    who: systemActor('cli:test', hotlineId),
  });
});
afterAll(async () => app?.close());

async function caller(role: 'analyst' | 'coordinator' | 'advocate' | 'partner' | 'admin', states?: string[]) {
  const user = await buildUser(app, { role, hotlineId, ...(states ? { states } : {}) });
  return as(app, await signIn(app, user));
}

describe('reading statistics', () => {
  it('an analyst gets figures and no personal data, and the read is audited', async () => {
    const get = await caller('analyst');
    const res = await get({ method: 'GET', url: MS });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.victimsIdentified).toBe(246);
    const names = await app.database.db
      .selectFrom('persons')
      .where('hotline_id', '=', hotlineId)
      .where('family_name', 'is not', null)
      .select(['family_name', 'given_name'])
      .limit(50)
      .execute();
    for (const n of names) {
      expect(res.body).not.toContain(n.family_name!);
    }
    const audit = await app.database.db
      .selectFrom('audit_events')
      .where('hotline_id', '=', hotlineId)
      .where('action', '=', 'report.spotlight_read')
      .select(['subject_id'])
      .execute();
    expect(audit.map((a) => a.subject_id)).toContain('MS');
  });

  it('a coordinator for Mississippi reads Mississippi, not Missouri nor the country', async () => {
    const get = await caller('coordinator', ['MS']);
    expect((await get({ method: 'GET', url: MS })).statusCode).toBe(200);
    const mo = await get({ method: 'GET', url: '/api/reports/spotlight?state=MO&year=2019' });
    expect(mo.statusCode).toBe(403);
    expect(mo.json().error.code).toBe('forbidden');
    expect((await get({ method: 'GET', url: '/api/reports/spotlight?year=2019' })).statusCode).toBe(403);
    const ranking = await get({ method: 'GET', url: '/api/reports/ranking?year=2019' });
    expect(ranking.json().rows.map((r: { state: string }) => r.state)).toEqual(['MS']);
  });

  it('partners do not read statistics', async () => {
    const get = await caller('partner');
    expect((await get({ method: 'GET', url: MS })).statusCode).toBe(403);
  });

  it("another hotline's data never counts", async () => {
    const other = await buildHotline(app);
    const user = await buildUser(app, { role: 'analyst', hotlineId: other.id });
    const get = as(app, await signIn(app, user));
    const res = await get({ method: 'GET', url: MS });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ victimsIdentified: 0, cases: { total: 0 }, signals: { total: 0 } });
  });

  it('bad input is a 400 with the field named, not a crash', async () => {
    const get = await caller('analyst');
    const res = await get({ method: 'GET', url: '/api/reports/spotlight?state=ZZ&year=2019' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('query.state');
    const reversed = await get({
      method: 'GET',
      url: '/api/reports/spotlight?state=MS&from=2019-05-01&to=2019-01-01',
    });
    expect(reversed.statusCode).toBe(400);
  });

  it('ranks Mississippi by cases per 100,000 residents', async () => {
    const get = await caller('analyst');
    const res = await get({ method: 'GET', url: '/api/reports/ranking?year=2019&asOf=2020-07-30' });
    const rows = res.json().rows as Array<{ state: string; rank: number; casesPer100k: number }>;
    expect(rows[0]).toMatchObject({ state: 'MS', rank: 1, casesPer100k: 4.97 });
    expect(rows.find((r) => r.state === 'MO')?.casesPer100k).toBe(3.81);
  });

  it('gives trends per year', async () => {
    const get = await caller('analyst');
    const res = await get({
      method: 'GET',
      url: '/api/reports/trends?state=MO&fromYear=2018&toYear=2019&asOf=2020-07-30',
    });
    expect(res.json().years.map((y: { cases: number }) => y.cases)).toEqual([0, 234]);
  });

  it('renders CSV, HTML and a one-page PDF', async () => {
    const get = await caller('advocate');
    const csv = await get({ method: 'GET', url: `${MS}&format=csv` });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('headline,victims_identified,Victims identified,246,246');
    const html = await get({ method: 'GET', url: `${MS}&format=html` });
    expect(html.body).toContain('Mississippi Spotlight');
    expect(html.body).not.toMatch(/style=|<script/);
    const pdf = await get({ method: 'GET', url: `${MS}&format=pdf` });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spotlight-'));
    writeFileSync(path.join(dir, 'ms.pdf'), pdf.rawPayload);
    const info = execFileSync('pdfinfo', [path.join(dir, 'ms.pdf')]).toString();
    expect(info).toMatch(/Pages:\s+1\n/);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '40',
      '-f',
      '1',
      '-l',
      '1',
      path.join(dir, 'ms.pdf'),
      path.join(dir, 'page'),
    ]);
    const png = readFileSync(path.join(dir, 'page-1.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // A blank page compresses to almost nothing; a drawn one does not.
    expect(png.length).toBeGreaterThan(5000);
  });

  it('exports k-anonymised victim-level open data to analysts, not coordinators', async () => {
    const analyst = await caller('analyst');
    const res = await analyst({ method: 'GET', url: '/api/exports/ctdc?year=2019' });
    expect(res.statusCode).toBe(200);
    const [header, ...lines] = res.body.trim().split('\n');
    expect(header).toContain('yearOfRegistration,Datasource,gender,ageBroad');
    expect(lines.length).toBeGreaterThan(400);
    const classes = new Map<string, number>();
    for (const l of lines) classes.set(l, (classes.get(l) ?? 0) + 1);
    expect(Math.min(...classes.values())).toBeGreaterThanOrEqual(11);
    expect(res.body).not.toMatch(/Johnson|Garcia|@|\+1/);
    const coordinator = await caller('coordinator', ['MS']);
    expect((await coordinator({ method: 'GET', url: '/api/exports/ctdc?year=2019' })).statusCode).toBe(403);
  });
});
