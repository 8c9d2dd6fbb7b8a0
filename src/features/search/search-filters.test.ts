import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHotline, buildUser, startTestApp, type TestApp } from '../../../test/helpers/app';
import { signInApart } from '../cases/testing/sign-in';
import { MATCH_CAP } from './matches';
import { openCaseIn, searcher, type Call } from './testing/search-calls';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

interface Hit {
  kind: string;
  id: string;
  label: string;
  score: number;
  case: { id: string; status: string; traffickingType: string };
}

/** Changes a case at its current version: its status (POST .../status) or its fields (PATCH). */
async function changeCase(
  call: Call,
  caseId: string,
  change: { status: string } | { traffickingType: string },
): Promise<void> {
  const { version } = (await call({ method: 'GET', url: `/api/cases/${caseId}` })).json<{
    version: number;
  }>();
  const res = await call(
    'status' in change
      ? { method: 'POST', url: `/api/cases/${caseId}/status`, payload: { version, ...change } }
      : { method: 'PATCH', url: `/api/cases/${caseId}`, payload: { version, ...change } },
  );
  expect(res.statusCode, res.body).toBe(200);
}

const setStatus = (call: Call, caseId: string, status: string) => changeCase(call, caseId, { status });
const setType = (call: Call, caseId: string, traffickingType: string) =>
  changeCase(call, caseId, { traffickingType });

async function addPerson(call: Call, caseId: string, fullName: string): Promise<string> {
  const res = await call({
    method: 'POST',
    url: `/api/cases/${caseId}/persons`,
    payload: { role: 'victim', fullName },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

// Family names of different lengths: the shorter the name beside "George", the higher it ranks.
const FAMILIES = ['Li', 'Diaz', 'Okafor', 'Kowalski', 'Papadopoulos', 'Vandenberghe-Smith'];

describe('a common name searched with a filter', () => {
  // More people named George than one search ranks, nearly all of them in Mississippi cases; a
  // few in Texas, stored among them, so that the Texas ones are scattered through the table.
  const common = MATCH_CAP + 200;
  let call: Call;
  let texas: string;
  let mississippi: string;
  let onlyGeorge: string;
  let twoCases: string;
  let texasNames: Map<string, string>;
  const { page, all } = searcher<Hit>(() => call);

  beforeAll(async () => {
    const hotline = await buildHotline(app);
    call = await signInApart(app, await buildUser(app, { role: 'advocate', hotlineId: hotline.id }));
    texas = await openCaseIn(app, call, hotline.id, 'TX');
    mississippi = await openCaseIn(app, call, hotline.id, 'MS');
    const db = app.database.db;
    await sql`
      insert into persons (hotline_id, full_name, search_names, external_id)
      select ${hotline.id}::uuid, n, lower(n), 'bulk-' || i
        from generate_series(1, ${common}) i,
             lateral (select 'George ' || (${FAMILIES}::text[])[1 + i % ${FAMILIES.length}] as n) x`.execute(
      db,
    );
    await sql`
      insert into case_persons (case_id, person_id, hotline_id, role)
      select case when substr(p.external_id, 6)::int % 37 = 0 then ${texas}::uuid else ${mississippi}::uuid end,
             p.id, ${hotline.id}, 'other'
        from persons p where p.hotline_id = ${hotline.id} and p.external_id like 'bulk-%'`.execute(db);
    onlyGeorge = await addPerson(call, texas, 'George');
    // In Texas in one case and active in another, never both in one.
    twoCases = await addPerson(call, texas, 'George Haddad');
    const active = await openCaseIn(app, call, hotline.id, 'MS');
    await call({
      method: 'POST',
      url: `/api/cases/${active}/persons`,
      payload: { role: 'other', personId: twoCases },
    });
    await setStatus(call, active, 'active');
    texasNames = new Map(
      (
        await sql<{ id: string; full_name: string }>`
          select p.id, p.full_name from persons p join case_persons x on x.person_id = p.id
           where x.case_id = ${texas}`.execute(db)
      ).rows.map((r) => [r.id, r.full_name]),
    );
  });

  it('finds every match in the state, in the order the unfiltered search ranks them, and says none are left out', async () => {
    const { hits, pages } = await all('George', '&state=TX&limit=7');
    expect(pages.every((p) => p.moreThan === null)).toBe(true);
    // The exact name first, then the shortest names beside the query; equal ones by id.
    const rank = (name: string) => (name === 'George' ? 1 : 0.9 + 0.09 * Math.min(1, 6 / name.length));
    const expected = [...texasNames.entries()]
      .sort(([a, an], [b, bn]) => rank(bn) - rank(an) || (a < b ? -1 : a > b ? 1 : 0))
      .map(([id]) => id);
    expect(expected.length).toBe(Math.floor(common / 37) + 2);
    expect(hits.map((h) => h.id)).toEqual(expected);
    expect(hits[0]!.id).toBe(onlyGeorge);
    expect(hits.every((h) => h.case.id === texas)).toBe(true);
    // The unfiltered search agrees on how they rank against one another.
    const unfiltered = await page('George', '&limit=50');
    expect(unfiltered.moreThan).toBe(MATCH_CAP);
    expect(unfiltered.items[0]!.id).toBe(onlyGeorge);
  }, 60_000);

  it('says more match than it ranks when the filter passes more than the bound', async () => {
    const { hits, pages } = await all('George', '&state=MS&limit=50');
    expect(pages.every((p) => p.moreThan === MATCH_CAP)).toBe(true);
    expect(hits.length).toBeGreaterThanOrEqual(MATCH_CAP);
    expect(hits.length).toBeLessThanOrEqual(MATCH_CAP + 2);
    expect(hits.every((h) => h.case.id !== texas)).toBe(true);
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // Status and type filters take the same way.
    const open = await page('George', '&status=open&type=not_specified');
    expect(open.moreThan).toBe(MATCH_CAP);
  }, 60_000);

  it('passes a person only through a case that passes every filter at once', async () => {
    const ids = async (extra: string) => (await all('George Haddad', extra)).hits.map((h) => h.id);
    expect(await ids('&state=TX')).toContain(twoCases);
    expect(await ids('&status=active')).toContain(twoCases);
    expect(await ids('&state=MS&status=active')).toContain(twoCases);
    expect(await ids('&state=TX&status=active')).not.toContain(twoCases);
    // Both cases of one type: the state's case is of that type.
    expect(await ids('&state=MS&type=not_specified')).toContain(twoCases);
    expect(await ids('&state=MS&type=labor')).not.toContain(twoCases);
    const texasActive = await all('George', '&state=TX&status=active');
    expect(texasActive.hits).toEqual([]);
    expect(texasActive.pages[0]!.moreThan).toBeNull();
  }, 60_000);
});

describe('the filters follow the cases as they change', () => {
  let call: Call;
  let hotlineId: string;
  const { all } = searcher<Hit>(() => call);
  const found = async (q: string, extra: string) =>
    (await all(q, extra)).hits.map((h) => `${h.kind}:${h.label}`).sort();

  beforeAll(async () => {
    hotlineId = (await buildHotline(app)).id;
    call = await signInApart(app, await buildUser(app, { role: 'advocate', hotlineId }));
  });

  it('a new status, type or state, a person added or taken off a case', async () => {
    const caseId = await openCaseIn(app, call, hotlineId, 'TX', '12 Kestrel Lane');
    await addPerson(call, caseId, 'Wren Kestrel');
    const biz = await call({
      method: 'POST',
      url: `/api/cases/${caseId}/businesses`,
      payload: { name: 'Kestrel Farms' },
    });
    expect(biz.statusCode, biz.body).toBe(201);
    const everything = ['business:Kestrel Farms', 'location:12 Kestrel Lane', 'person:Wren Kestrel'];
    expect(await found('kestrel', '&state=TX&status=open')).toEqual(everything);
    expect(await found('kestrel', '&state=NM')).toEqual([]);

    await setStatus(call, caseId, 'active');
    expect(await found('kestrel', '&status=open')).toEqual([]);
    expect(await found('kestrel', '&status=active&state=TX')).toEqual(everything);

    await setType(call, caseId, 'labor');
    expect(await found('kestrel', '&type=labor')).toEqual(everything);
    expect(await found('kestrel', '&type=not_specified')).toEqual([]);

    // A location moved to another state (as an import may do), then a second one added.
    const db = app.database.db;
    await sql`update locations set state = 'NM' where case_id = ${caseId}`.execute(db);
    expect(await found('kestrel', '&state=TX')).toEqual([]);
    expect(await found('kestrel', '&state=NM')).toEqual(everything);
    await call({
      method: 'POST',
      url: `/api/cases/${caseId}/locations`,
      payload: { venueType: 'farm', state: 'OK' },
    });
    expect(await found('kestrel', '&state=OK')).toEqual(everything);

    // Off the case, a person has no case to pass any filter with.
    await sql`delete from case_persons where case_id = ${caseId}`.execute(db);
    expect(await found('kestrel', '&state=NM')).toEqual([
      'business:Kestrel Farms',
      'location:12 Kestrel Lane',
    ]);
  }, 60_000);

  // The page checks each match's cases again, so a key left behind would not show in a search:
  // the keys themselves are read here.
  it('the keys on the rows when a location goes, a person leaves one of two cases, or is erased', async () => {
    const db = app.database.db;
    const keysOf = async (table: 'persons' | 'locations', id: string) =>
      (
        await sql<{
          keys: string[];
        }>`select case_filters as keys from ${sql.table(table)} where id = ${id}`.execute(db)
      ).rows[0]?.keys.sort();
    const first = await openCaseIn(app, call, hotlineId, 'TX', '3 Plover Road');
    const second = await openCaseIn(app, call, hotlineId, 'MS');
    await setStatus(call, second, 'active');
    const person = await addPerson(call, first, 'Ada Plover');
    const res = await call({
      method: 'POST',
      url: `/api/cases/${second}/persons`,
      payload: { role: 'other', personId: person },
    });
    expect(res.statusCode, res.body).toBe(201);
    const place = (await sql<{ id: string }>`select id from locations where case_id = ${first}`.execute(db))
      .rows[0]!.id;
    expect(await keysOf('persons', person)).toEqual([
      'state:MS',
      'state:TX',
      'status:active',
      'status:open',
      'type:not_specified',
    ]);

    await sql`delete from locations where case_id = ${second}`.execute(db);
    expect(await keysOf('persons', person)).toEqual([
      'state:TX',
      'status:active',
      'status:open',
      'type:not_specified',
    ]);
    await sql`delete from case_persons where case_id = ${first} and person_id = ${person}`.execute(db);
    expect(await keysOf('persons', person)).toEqual(['status:active', 'type:not_specified']);
    expect(await keysOf('locations', place)).toEqual(['state:TX', 'status:open', 'type:not_specified']);

    // Erased: off every case, then gone.
    await sql`delete from case_persons where person_id = ${person}`.execute(db);
    expect(await keysOf('persons', person)).toEqual([]);
    await sql`delete from persons where id = ${person}`.execute(db);
    expect(await keysOf('persons', person)).toBeUndefined();
  }, 60_000);
});
