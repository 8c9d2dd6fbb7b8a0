import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHotline, startTestApp, type TestApp } from '../../../test/helpers/app';
import { spotlight } from './spotlight';
import { readMetrics } from './store';

let app: TestApp;
let hotlineId: string;
beforeAll(async () => {
  app = await startTestApp();
  hotlineId = (await buildHotline(app)).id;
});
afterAll(async () => app?.close());

const period = { from: '2019-01-01', to: '2019-12-31', asOf: '2030-12-31' };

async function counts(state: string): Promise<{ cases: number; signals: number; texts: number }> {
  const s = await spotlight(app.database.db, { hotlineId, state, ...period });
  return { cases: s.cases.total, signals: s.signals.total, texts: s.signals.text };
}

/** The kept rows equal what the views compute from the base tables, in both directions. */
async function factsMatchBaseTables(): Promise<void> {
  for (const [table, view] of [
    ['stat_case_states', 'stat_case_states_v'],
    ['stat_signal_states', 'stat_signal_states_v'],
    ['stat_case_persons', 'stat_case_persons_v'],
    ['stat_case_venues', 'stat_case_venues_v'],
  ] as const) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from (
      (select * from ${sql.table(table)} except select * from ${sql.table(view)})
      union all
      (select * from ${sql.table(view)} except select * from ${sql.table(table)})) d`.execute(
      app.database.db,
    );
    expect(rows[0]!.n, table).toBe(0);
  }
}

describe('where cases and signals count, kept on write', () => {
  it('follows a signal attached to a case, a location moved to another state, and a link removed', async () => {
    const db = app.database.db;
    const { rows: c } = await sql<{ id: string }>`insert into cases
      (hotline_id, reference_code, trafficking_type, identified_at)
      values (${hotlineId}, 'F-1', 'labor', '2019-03-01T10:00:00Z') returning id`.execute(db);
    const caseId = c[0]!.id;
    const { rows: l } = await sql<{
      id: string;
    }>`insert into locations (hotline_id, case_id, venue_type, state)
      values (${hotlineId}, ${caseId}, 'farm', 'MS') returning id`.execute(db);
    const locationId = l[0]!.id;
    // A signal that names no state counts only where its case is, once it is attached.
    const { rows: s } = await sql<{ id: string }>`insert into signals
      (hotline_id, reference_code, channel, received_at, category)
      values (${hotlineId}, 'F-S1', 'text', '2019-03-02T10:00:00Z', 'tip') returning id`.execute(db);
    const signalId = s[0]!.id;
    await sql`insert into signals (hotline_id, reference_code, channel, received_at, category, state)
      values (${hotlineId}, 'F-S2', 'phone', '2019-04-02T10:00:00Z', 'tip', 'MO'),
             (${hotlineId}, 'F-S3', 'phone', '2019-04-03T10:00:00Z', 'non_substantive', 'MS')`.execute(db);
    expect(await counts('MS')).toEqual({ cases: 1, signals: 0, texts: 0 });
    expect(await counts('MO')).toEqual({ cases: 0, signals: 1, texts: 0 });

    await sql`insert into case_signals (case_id, signal_id, hotline_id)
      values (${caseId}, ${signalId}, ${hotlineId})`.execute(db);
    expect(await counts('MS')).toEqual({ cases: 1, signals: 1, texts: 1 });
    await factsMatchBaseTables();

    await sql`update locations set state = 'MO' where id = ${locationId}`.execute(db);
    expect(await counts('MS')).toEqual({ cases: 0, signals: 0, texts: 0 });
    expect(await counts('MO')).toEqual({ cases: 1, signals: 2, texts: 1 });
    await factsMatchBaseTables();

    // A second location in Mississippi: the case and its signal count in both states.
    await sql`insert into locations (hotline_id, case_id, venue_type, state)
      values (${hotlineId}, ${caseId}, 'residence', 'MS')`.execute(db);
    expect(await counts('MS')).toEqual({ cases: 1, signals: 1, texts: 1 });
    expect(await counts('MO')).toEqual({ cases: 1, signals: 2, texts: 1 });

    // The case moves to 2018: it leaves the 2019 figures; the signal's date is its own.
    await sql`update cases set identified_at = '2018-12-30T10:00:00Z' where id = ${caseId}`.execute(db);
    expect(await counts('MS')).toEqual({ cases: 0, signals: 1, texts: 1 });

    await sql`delete from case_signals where case_id = ${caseId} and signal_id = ${signalId}`.execute(db);
    expect(await counts('MS')).toEqual({ cases: 0, signals: 0, texts: 0 });
    expect(await counts('MO')).toEqual({ cases: 0, signals: 1, texts: 0 });

    // The signal now names a state itself.
    await sql`update signals set state = 'MS' where id = ${signalId}`.execute(db);
    expect(await counts('MS')).toEqual({ cases: 0, signals: 1, texts: 1 });
    await sql`delete from locations where id = ${locationId}`.execute(db);
    await factsMatchBaseTables();
  });

  it('keeps the "as of" rule: a link recorded later counts only in later reports', async () => {
    const db = app.database.db;
    const { rows: c } = await sql<{ id: string }>`insert into cases
      (hotline_id, reference_code, trafficking_type, identified_at, created_at)
      values (${hotlineId}, 'F-2', 'sex', '2019-05-01T10:00:00Z', '2019-05-01T10:00:00Z') returning id`.execute(
      db,
    );
    await sql`insert into locations (hotline_id, case_id, venue_type, state, created_at)
      values (${hotlineId}, ${c[0]!.id}, 'hotel_motel', 'WY', '2019-05-01T10:00:00Z')`.execute(db);
    const { rows: s } = await sql<{ id: string }>`insert into signals
      (hotline_id, reference_code, channel, received_at, category, created_at)
      values (${hotlineId}, 'F-S4', 'email', '2019-05-02T10:00:00Z', 'tip', '2019-05-02T10:00:00Z') returning id`.execute(
      db,
    );
    await sql`insert into case_signals (case_id, signal_id, hotline_id, linked_at)
      values (${c[0]!.id}, ${s[0]!.id}, ${hotlineId}, '2020-09-01T10:00:00Z')`.execute(db);
    const at = (asOf: string) => spotlight(db, { hotlineId, state: 'WY', ...period, asOf });
    expect((await at('2020-07-30')).signals.email).toBe(0);
    expect((await at('2020-07-30')).cases.sex).toBe(1);
    expect((await at('2020-09-01')).signals.email).toBe(1);
    await factsMatchBaseTables();
  });

  it('keeps victims, traffickers, venues and callers right as people, clusters and links change', async () => {
    const db = app.database.db;
    const one = async <T>(q: ReturnType<typeof sql<T>>): Promise<T> => (await q.execute(db)).rows[0]!;
    const figures = async (): Promise<Record<string, number>> => {
      const rows = await readMetrics(db, {
        hotlineId,
        states: ['VT'],
        from: new Date('2019-01-01T00:00:00Z'),
        to: new Date('2020-01-01T00:00:00Z'),
        recordedBefore: new Date('2031-01-01T00:00:00Z'),
      });
      const out: Record<string, number> = {};
      for (const r of rows)
        if (r.metric !== 'case_type' && r.metric !== 'channel') out[`${r.metric}:${r.key}`] = r.value;
      return out;
    };
    const newCase = async (ref: string): Promise<string> =>
      (
        await one(sql<{
          id: string;
        }>`insert into cases (hotline_id, reference_code, trafficking_type, identified_at)
          values (${hotlineId}, ${ref}, 'sex', '2019-06-01T10:00:00Z') returning id`)
      ).id;
    const newPerson = async (gender: string | null, age: number | null): Promise<string> =>
      (
        await one(sql<{ id: string }>`insert into persons (hotline_id, gender, age_years)
          values (${hotlineId}, ${gender}, ${age}) returning id`)
      ).id;
    const newSignaler = async (role: string): Promise<string> =>
      (
        await one(sql<{ id: string }>`insert into signalers (hotline_id, role)
          values (${hotlineId}, ${role}) returning id`)
      ).id;

    const case1 = await newCase('F-3');
    const case2 = await newCase('F-4');
    await sql`insert into locations (hotline_id, case_id, venue_type, state)
      values (${hotlineId}, ${case1}, 'hotel_motel', 'VT'), (${hotlineId}, ${case1}, 'farm', 'VT'),
        (${hotlineId}, ${case2}, 'hotel_motel', 'VT')`.execute(db);
    const [a, b, c, d] = [
      await newPerson('female', 16),
      await newPerson('male', 30),
      await newPerson(null, null),
      await newPerson('female', 40),
    ];
    await sql`insert into case_persons (case_id, person_id, hotline_id, role) values
      (${case1}, ${a}, ${hotlineId}, 'victim'), (${case1}, ${b}, ${hotlineId}, 'victim'),
      (${case1}, ${c}, ${hotlineId}, 'trafficker'), (${case2}, ${d}, ${hotlineId}, 'victim')`.execute(db);
    const [s1, s2] = [await newSignaler('family_friend'), await newSignaler('community_member')];
    // One signal names the state; the other takes it from its case.
    await sql`insert into signals (hotline_id, reference_code, channel, received_at, category, state, signaler_id)
      values (${hotlineId}, 'F-S5', 'phone', '2019-06-02T10:00:00Z', 'tip', 'VT', ${s1})`.execute(db);
    const linked = (
      await one(sql<{ id: string }>`insert into signals
        (hotline_id, reference_code, channel, received_at, category, signaler_id)
        values (${hotlineId}, 'F-S6', 'text', '2019-06-03T10:00:00Z', 'tip', ${s2}) returning id`)
    ).id;
    await sql`insert into case_signals (case_id, signal_id, hotline_id)
      values (${case2}, ${linked}, ${hotlineId})`.execute(db);
    const before = {
      'victims:named': 3,
      'victim_gender:female': 2,
      'victim_gender:male': 1,
      'victim_age:minor': 1,
      'victim_age:adult': 2,
      'traffickers:named': 1,
      'venue:hotel_motel': 2,
      'venue:farm': 1,
      'signaler_role:family_friend': 1,
      'signaler_role:community_member': 1,
    };
    expect(await figures()).toEqual(before);
    await factsMatchBaseTables();

    // Record linkage puts the 16-year-old and the 40-year-old in one cluster, in one statement:
    // one victim, a minor (one mention says so), female.
    await sql`update persons set cluster_id = ${a} where id in (${a}, ${d})`.execute(db);
    expect(await figures()).toMatchObject({
      'victims:named': 2,
      'victim_gender:female': 1,
      'victim_gender:male': 1,
      'victim_age:minor': 1,
      'victim_age:adult': 1,
    });
    await factsMatchBaseTables();
    // The age is corrected, then a gender.
    await sql`update persons set age_years = 20 where id = ${a}`.execute(db);
    expect((await figures())['victim_age:adult']).toBe(2);
    expect((await figures())['victim_age:minor']).toBeUndefined();
    await sql`update persons set gender = 'female' where id = ${b}`.execute(db);
    expect((await figures())['victim_gender:female']).toBe(2);
    expect((await figures())['victim_gender:male']).toBeUndefined();
    // The cluster is split again.
    await sql`update persons set cluster_id = null where id in (${a}, ${d})`.execute(db);
    expect((await figures())['victims:named']).toBe(3);
    await factsMatchBaseTables();

    // Callers: the second joins the first's cluster, then takes the same role: one caller.
    await sql`update signalers set cluster_id = ${s1} where id in (${s1}, ${s2})`.execute(db);
    expect(await figures()).toMatchObject({
      'signaler_role:family_friend': 1,
      'signaler_role:community_member': 1,
    });
    await sql`update signalers set role = 'family_friend' where id = ${s2}`.execute(db);
    const callers = await figures();
    expect(callers['signaler_role:family_friend']).toBe(1);
    expect(callers['signaler_role:community_member']).toBeUndefined();
    await factsMatchBaseTables();

    // The trafficker's mention is removed; the first case's locations move out of the state.
    await sql`delete from case_persons where case_id = ${case1} and person_id = ${c}`.execute(db);
    expect((await figures())['traffickers:named']).toBeUndefined();
    await sql`update locations set state = 'NH' where case_id = ${case1}`.execute(db);
    const moved = await figures();
    expect(moved).toMatchObject({ 'victims:named': 1, 'venue:hotel_motel': 1 });
    expect(moved['venue:farm']).toBeUndefined();
    await factsMatchBaseTables();
  });
});
