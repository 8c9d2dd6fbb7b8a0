/**
 * Filter keys written by two transactions at once (migration 0031). PGlite has one connection, so
 * this runs on PostgreSQL: the suite's, or a throwaway cluster when the suite runs embedded.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildHotline, buildUser, startTestApp, type TestApp } from '../../../test/helpers/app';
import { onPostgres } from '../../../test/helpers/database';
import { startCluster, type Cluster } from '../../../test/pg-cluster';
import { signInApart } from '../cases/testing/sign-in';
import { openCaseIn, searcher, type Call } from './testing/search-calls';

let app: TestApp;
let cluster: Cluster | undefined;
let call: Call;
let hotlineId: string;
beforeAll(async () => {
  const url = onPostgres() ? undefined : (cluster = await startCluster()).url;
  app = await startTestApp({}, url ? { url } : {});
  hotlineId = (await buildHotline(app)).id;
  call = await signInApart(app, await buildUser(app, { role: 'advocate', hotlineId }));
}, 120_000);
afterAll(async () => {
  await app?.close();
  cluster?.stop();
});

const { all } = searcher<{ kind: string; label: string }>(() => call);
const found = async (q: string, extra: string) =>
  (await all(q, extra)).hits.map((h) => `${h.kind}:${h.label}`).sort();

it('one person added to two cases by two transactions at once', async () => {
  const db = app.database.db;
  const texas = await openCaseIn(app, call, hotlineId, 'TX');
  const utah = await openCaseIn(app, call, hotlineId, 'UT');
  const person = (
    await sql<{ id: string }>`insert into persons (hotline_id, full_name, search_names)
                              values (${hotlineId}, 'Ida Sandpiper', 'ida sandpiper') returning id`.execute(
      db,
    )
  ).rows[0]!.id;
  const link = (caseId: string) =>
    sql`insert into case_persons (case_id, person_id, hotline_id, role)
        values (${caseId}, ${person}, ${hotlineId}, 'other')`;
  let second: Promise<unknown> = Promise.resolve();
  await db.transaction().execute(async (first) => {
    await link(texas).execute(first);
    // Waits for the first to commit, having read the person's cases before it did.
    second = db.transaction().execute(async (t) => link(utah).execute(t));
    await new Promise((resolve) => setTimeout(resolve, 300));
  });
  await second;
  expect(await found('sandpiper', '&state=TX')).toEqual(['person:Ida Sandpiper']);
  expect(await found('sandpiper', '&state=UT')).toEqual(['person:Ida Sandpiper']);
}, 60_000);
