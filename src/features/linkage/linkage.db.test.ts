import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildHotline, buildUser, signIn, startTestApp, type TestApp } from '../../../test/helpers/app';
import { systemActor } from '../../platform/audit/audit';
import type { PersonsTable } from '../../platform/db/schema';
import type { Insertable } from 'kysely';
import { runBatch } from './batch';
import { LINKED_PERSON_COLUMNS, ROW_TO_RECORD } from './entities';
import { refreshKeysAndFindCandidates } from './incremental';
import { linkPerson } from './service';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

type PersonInput = Omit<Insertable<PersonsTable>, 'hotline_id'>;

async function buildPerson(hotlineId: string, person: PersonInput): Promise<string> {
  const row = await app.database.db
    .insertInto('persons')
    .values({ ...person, hotline_id: hotlineId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Saves and links, as the cases feature does after adding a person. */
async function addPerson(hotlineId: string, person: PersonInput): Promise<string> {
  const id = await buildPerson(hotlineId, person);
  await app.database.db
    .transaction()
    .execute((trx) => linkPerson(trx, { hotlineId, who: systemActor('cli:test', hotlineId) }, id));
  return id;
}

async function clusterOf(id: string): Promise<string | null> {
  const row = await app.database.db
    .selectFrom('persons')
    .select('cluster_id')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.cluster_id;
}

describe('incremental linking through the database', () => {
  it('puts a misspelt name with the same phone number in one cluster, and audits it', async () => {
    const { id: hotlineId } = await buildHotline(app);
    const a = await addPerson(hotlineId, {
      given_name: 'María',
      family_name: 'González',
      phones: ['+1 601 555 0134'],
    });
    const b = await addPerson(hotlineId, {
      given_name: 'Marai',
      family_name: 'Gonzales',
      phones: ['(601) 555-0134'],
    });
    const other = await addPerson(hotlineId, {
      given_name: 'Peter',
      family_name: 'Novak',
      phones: ['+1 314 555 0199'],
    });
    expect(await clusterOf(a)).not.toBeNull();
    expect(await clusterOf(a)).toBe(await clusterOf(b));
    expect(await clusterOf(other)).toBeNull();
    const audit = await app.database.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('subject_id', '=', b)
      .execute();
    expect(audit.map((e) => e.action)).toContain('linkage.link');
    expect(JSON.stringify(audit)).not.toContain('Gonzales');
  });

  it('links a new person handed over as its insert returned it, without reading it back', async () => {
    const { id: hotlineId } = await buildHotline(app);
    const who = systemActor('cli:test', hotlineId);
    const a = await addPerson(hotlineId, {
      given_name: 'Tatiana',
      family_name: 'Moroz',
      phones: ['+1 601 555 0177'],
    });
    const { b, outcome } = await app.database.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('persons')
        .values({
          hotline_id: hotlineId,
          given_name: 'Tatyana',
          family_name: 'Moroz',
          phones: ['6015550177'],
        })
        .returning(LINKED_PERSON_COLUMNS)
        .executeTakeFirstOrThrow();
      return {
        b: row.id,
        outcome: await linkPerson(trx, { hotlineId, who }, row.id, ROW_TO_RECORD.person(row)),
      };
    });
    expect(outcome.linked.map((l) => l.id)).toEqual([a]);
    expect(await clusterOf(b)).not.toBeNull();
    expect(await clusterOf(b)).toBe(await clusterOf(a));
    // A record given for another id is not trusted: the person is read.
    const c = await buildPerson(hotlineId, {
      given_name: 'Tatiana',
      family_name: 'Moroz',
      phones: ['+16015550177'],
    });
    const again = await app.database.db.transaction().execute((trx) =>
      linkPerson(trx, { hotlineId, who }, c, {
        id: b,
        givenName: 'Someone',
        familyName: 'Else',
        phones: [],
      }),
    );
    expect(again.clusterId).toBe(await clusterOf(a));
  });

  it('never links records with nothing to compare', async () => {
    const { id: hotlineId } = await buildHotline(app);
    const a = await addPerson(hotlineId, {});
    const b = await addPerson(hotlineId, {});
    expect(await clusterOf(a)).toBeNull();
    expect(await clusterOf(b)).toBeNull();
  });

  it('finds a close spelling of a name when no search key is shared, and only close ones', async () => {
    const { id: hotlineId } = await buildHotline(app);
    const close = await addPerson(hotlineId, { given_name: 'Agnieszka', family_name: 'Wojciechowska' });
    const swapped = await addPerson(hotlineId, { given_name: 'Wojciechowska', family_name: 'Agnieszka' });
    const far = await addPerson(hotlineId, { given_name: 'Agata', family_name: 'Kowalska' });
    const id = await buildPerson(hotlineId, {});
    // No keys at all: only the close-spelling search can find anything.
    const found = await app.database.db
      .transaction()
      .execute((trx) =>
        refreshKeysAndFindCandidates(trx, hotlineId, 'person', id, [], 'agneszka wojciechowsak', 60),
      );
    const ids = found.map((r) => r.id);
    expect(ids).toContain(close);
    expect(ids).toContain(swapped);
    expect(ids).not.toContain(far);
    // A name written since is found too: its words are kept on write.
    const later = await addPerson(hotlineId, { given_name: 'Bartholomew', family_name: 'Przybyszewski' });
    const again = await app.database.db
      .transaction()
      .execute((trx) =>
        refreshKeysAndFindCandidates(trx, hotlineId, 'person', id, [], 'bartolomew przybyszewsky', 60),
      );
    expect(again.map((r) => r.id)).toEqual([later]);
  });
});

describe('review, undo and batch runs', () => {
  it('queues a doubtful pair; a rejection holds in a later batch run', async () => {
    const user = await buildUser(app, { role: 'advocate' });
    const cookie = await signIn(app, user);
    const call = as(app, cookie);
    const a = await addPerson(user.hotlineId, { given_name: 'John', family_name: 'Smith' });
    const b = await addPerson(user.hotlineId, { given_name: 'Jon', family_name: 'Smith', age_years: 30 });
    const list = await call({ method: 'GET', url: '/api/linkage/review?entityType=person' });
    expect(list.statusCode).toBe(200);
    const items = list.json<{
      items: Array<{ id: string; recordA: { id: string }; recordB: { id: string } }>;
    }>().items;
    expect(items).toHaveLength(1);
    expect([items[0]!.recordA.id, items[0]!.recordB.id].sort()).toEqual([a, b].sort());

    const detail = await call({ method: 'GET', url: `/api/linkage/review/${items[0]!.id}` });
    expect(detail.statusCode).toBe(200);
    const explanation = detail.json<{
      explanation: { prior: number; totalWeight: number; terms: Array<{ weight: number }> };
    }>().explanation;
    const sum = explanation.prior + explanation.terms.reduce((s, t) => s + t.weight, 0);
    expect(sum).toBeCloseTo(explanation.totalWeight, 9);

    const reject = await call({ method: 'POST', url: `/api/linkage/review/${items[0]!.id}/reject` });
    expect(reject.statusCode).toBe(200);
    // Confirm the same pair by hand in the database as if a batch had scored it highly: the run must still keep them apart.
    await app.database.db
      .transaction()
      .execute((trx) =>
        runBatch(trx, { hotlineId: user.hotlineId, who: systemActor('cli:test', user.hotlineId) }, 'person'),
      );
    expect(await clusterOf(a)).toBeNull();
    const again = await call({ method: 'GET', url: '/api/linkage/review?entityType=person' });
    expect(again.json<{ items: unknown[] }>().items).toHaveLength(0);
    const actions = await app.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('hotline_id', '=', user.hotlineId)
      .execute();
    expect(actions.map((x) => x.action)).toEqual(
      expect.arrayContaining([
        'linkage.review_list',
        'linkage.review_read',
        'linkage.reject',
        'linkage.batch_run',
      ]),
    );
  });

  it('a new person matching two people someone kept apart joins only the closer one', async () => {
    const { id: hotlineId } = await buildHotline(app);
    const who = systemActor('cli:test', hotlineId);
    const person = { given_name: 'Esperanza', family_name: 'Villalobos', birth_date: '1990-04-12' };
    const a = await addPerson(hotlineId, { ...person, phones: ['+1 601 555 0177'] });
    const b = await buildPerson(hotlineId, { ...person, given_name: 'Esperansa' });
    const [recordA, recordB] = [a, b].sort();
    await app.database.db
      .insertInto('linkage_decisions')
      .values({
        hotline_id: hotlineId,
        entity_type: 'person',
        record_a: recordA!,
        record_b: recordB!,
        decision: 'reject',
      })
      .execute();
    await app.database.db.transaction().execute((trx) => linkPerson(trx, { hotlineId, who }, b));
    expect(await clusterOf(b)).toBeNull();

    const n = await buildPerson(hotlineId, { ...person, phones: ['+1 601 555 0177'] });
    const outcome = await app.database.db
      .transaction()
      .execute((trx) => linkPerson(trx, { hotlineId, who }, n));
    expect(outcome.linked.map((l) => l.id)).toEqual([a]);
    expect(outcome.queuedForReview).toBe(0);
    expect(await clusterOf(n)).toBe([a, n].sort()[0]);
    expect(await clusterOf(a)).toBe(await clusterOf(n));
    expect(await clusterOf(b)).toBeNull();
    const links = await app.database.db
      .selectFrom('linkage_links')
      .select(['record_a', 'record_b'])
      .where('hotline_id', '=', hotlineId)
      .execute();
    expect(links.map((l) => [l.record_a, l.record_b].sort())).toEqual([[a, n].sort()]);
    const audit = await app.database.db
      .selectFrom('audit_events')
      .select('details')
      .where('subject_id', '=', n)
      .where('action', '=', 'linkage.link')
      .executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ linked: [a], queuedForReview: 0 });
  });

  it('undo separates a link, and a batch run does not join the pair again', async () => {
    const user = await buildUser(app, { role: 'supervisor' });
    const call = as(app, await signIn(app, user));
    const a = await addPerson(user.hotlineId, {
      given_name: 'Ana',
      family_name: 'Lopez',
      birth_date: '1990-04-02',
      phones: ['+52 55 1234 5678'],
    });
    const b = await addPerson(user.hotlineId, {
      given_name: 'Anna',
      family_name: 'Lopez',
      birth_date: '1990-04-02',
      phones: ['+52 55 1234 5678'],
    });
    expect(await clusterOf(a)).not.toBeNull();
    const links = await call({ method: 'GET', url: `/api/linkage/person/${a}/links` });
    expect(links.statusCode).toBe(200);
    const [link] = links.json<{ links: Array<{ id: string }> }>().links;
    const undo = await call({ method: 'POST', url: `/api/linkage/links/${link!.id}/undo` });
    expect(undo.statusCode).toBe(200);
    expect(await clusterOf(a)).toBeNull();
    expect(await clusterOf(b)).toBeNull();
    await app.database.db
      .transaction()
      .execute((trx) =>
        runBatch(trx, { hotlineId: user.hotlineId, who: systemActor('cli:test', user.hotlineId) }, 'person'),
      );
    expect(await clusterOf(a)).toBeNull();
    // Without the rejection, the batch run would join them.
    await app.database.db.deleteFrom('linkage_decisions').where('hotline_id', '=', user.hotlineId).execute();
    await app.database.db
      .transaction()
      .execute((trx) =>
        runBatch(trx, { hotlineId: user.hotlineId, who: systemActor('cli:test', user.hotlineId) }, 'person'),
      );
    expect(await clusterOf(a)).not.toBeNull();
    expect(await clusterOf(a)).toBe(await clusterOf(b));
  });

  it("another hotline's user gets 404 for a review item and its explanation", async () => {
    const owner = await buildUser(app, { role: 'advocate' });
    await addPerson(owner.hotlineId, { given_name: 'Lucia', family_name: 'Perez' });
    await addPerson(owner.hotlineId, { given_name: 'Lucía', family_name: 'Pérez', age_years: 25 });
    const ownerCall = as(app, await signIn(app, owner));
    const items = (await ownerCall({ method: 'GET', url: '/api/linkage/review' })).json<{
      items: Array<{ id: string; recordA: { id: string }; recordB: { id: string } }>;
    }>().items;
    expect(items).toHaveLength(1);
    const item = items[0]!;

    const stranger = await buildUser(app, { role: 'admin' });
    const call = as(app, await signIn(app, stranger));
    expect((await call({ method: 'GET', url: `/api/linkage/review/${item.id}` })).statusCode).toBe(404);
    expect((await call({ method: 'POST', url: `/api/linkage/review/${item.id}/confirm` })).statusCode).toBe(
      404,
    );
    const explain = await call({
      method: 'GET',
      url: `/api/linkage/explain?a=${item.recordA.id}&b=${item.recordB.id}`,
    });
    expect(explain.statusCode).toBe(404);
    expect(
      (await call({ method: 'GET', url: '/api/linkage/review' })).json<{ items: unknown[] }>().items,
    ).toHaveLength(0);

    const analyst = await buildUser(app, { role: 'analyst', hotlineId: owner.hotlineId });
    const analystCall = as(app, await signIn(app, analyst));
    expect((await analystCall({ method: 'GET', url: `/api/linkage/review/${item.id}` })).statusCode).toBe(
      403,
    );

    const confirm = await ownerCall({ method: 'POST', url: `/api/linkage/review/${item.id}/confirm` });
    expect(confirm.statusCode).toBe(200);
    const ids = Object.values(confirm.json<{ clusterIds: Record<string, string | null> }>().clusterIds);
    expect(ids[0]).not.toBeNull();
    expect(ids[0]).toBe(ids[1]);
  });
});
