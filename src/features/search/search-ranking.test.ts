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
  id: string;
  label: string;
  score: number;
  case: { id: string };
}

const FAMILIES = [
  'Smith',
  'Lopez',
  'Nguyen',
  'Okafor',
  'Silva',
  'Kowalski',
  'Haddad',
  'Moreau',
  'Tanaka',
  'Ivanova',
];

describe('a search whose words thousands of people share', () => {
  // More people with "George" as a first or family name than one search ranks, then (stored after
  // them, so that a bounded scan of the table would not reach them) the people named exactly so.
  const common = MATCH_CAP + 150;
  const inTexas = 40;
  let call: Call;
  let texas: string;
  let mississippi: string;
  let exact: string;
  let byAlias: string;
  let rare: string;

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
             lateral (select case when i % 2 = 0 then 'George ' || (${FAMILIES}::text[])[1 + i % 10]
                                  else (${FAMILIES}::text[])[1 + i % 10] || ' George' end as n) x`.execute(
      db,
    );
    await sql`
      insert into case_persons (case_id, person_id, hotline_id, role)
      select case when substr(p.external_id, 6)::int <= ${inTexas} then ${texas}::uuid else ${mississippi}::uuid end,
             p.id, ${hotline.id}, 'other'
        from persons p where p.hotline_id = ${hotline.id} and p.external_id like 'bulk-%'`.execute(db);
    const add = async (caseId: string, payload: Record<string, unknown>) => {
      const res = await call({ method: 'POST', url: `/api/cases/${caseId}/persons`, payload });
      expect(res.statusCode).toBe(201);
      return res.json<{ id: string }>().id;
    };
    exact = await add(mississippi, { role: 'victim', fullName: 'George George' });
    // The same person is also in the Texas case.
    await sql`insert into case_persons (case_id, person_id, hotline_id, role)
              values (${texas}, ${exact}, ${hotline.id}, 'trafficker')`.execute(db);
    byAlias = await add(mississippi, {
      role: 'other',
      fullName: 'Giorgos Papadakis',
      aliases: ['George George'],
    });
    rare = await add(texas, { role: 'victim', fullName: 'Ottilie Marchbanks' });
  });

  const { page, all } = searcher<Hit>(() => call);

  it('shows the people named exactly so first, each of their cases, and says that more match', async () => {
    const first = await page('George George');
    expect(first.moreThan).toBe(MATCH_CAP);
    const top = first.items.slice(0, 3).map((h) => `${h.id}:${h.case.id}`);
    expect(top.sort()).toEqual(
      [`${exact}:${texas}`, `${exact}:${mississippi}`, `${byAlias}:${mississippi}`].sort(),
    );
    expect(first.items[3]!.score).toBeLessThan(first.items[0]!.score);
    // In the other order of its words too.
    expect((await page('george  GEORGE')).items.slice(0, 3).map((h) => h.id)).toContain(byAlias);
    // A query that is not common says nothing of the kind.
    const narrow = await page('Ottilie Marchbanks');
    expect(narrow).toMatchObject({ moreThan: null, items: [{ id: rare }] });
  });

  it('pages through the bounded matches returning each hit once, in rank order', async () => {
    const { hits, pages } = await all('George', '&limit=50');
    const keys = hits.map((h) => `${h.id}:${h.case.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThanOrEqual(MATCH_CAP);
    expect(keys.length).toBeLessThanOrEqual(MATCH_CAP + 4);
    expect(pages.every((p) => p.moreThan === MATCH_CAP)).toBe(true);
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // One row per case, also when a page ends between two cases of the same person.
    const small = await all('George George', '&limit=1', 3);
    expect(
      small.hits
        .slice(0, 3)
        .map((h) => `${h.id}:${h.case.id}`)
        .sort(),
    ).toEqual([`${exact}:${texas}`, `${exact}:${mississippi}`, `${byAlias}:${mississippi}`].sort());
  }, 60_000);

  it('applies a filter before the bound: a state finds every match there, once', async () => {
    const { hits, pages } = await all('George', '&state=TX&limit=7');
    expect(pages.every((p) => p.moreThan === null)).toBe(true);
    // The 40 stored first, and the exact George George's Texas case.
    expect(hits.map((h) => h.case.id).every((c) => c === texas)).toBe(true);
    expect(new Set(hits.map((h) => h.id)).size).toBe(hits.length);
    expect(hits).toHaveLength(inTexas + 1);
    expect(hits[0]).toMatchObject({ id: exact, case: { id: texas } });
    const inMississippi = await page('George', '&state=MS');
    expect(inMississippi.moreThan).toBe(MATCH_CAP);
    expect(inMississippi.items.every((h) => h.case.id === mississippi)).toBe(true);
  }, 60_000);

  it('a page link from before the cases were part of it is a 400', async () => {
    const old = Buffer.from(JSON.stringify({ s: 1, k: 'x' })).toString('base64url');
    const res = await call({ method: 'GET', url: `/api/search?q=George&cursor=${old}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('query.cursor');
  });
});
