import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHotline, startTestApp, type TestApp } from '../../../test/helpers/app';
import { spotlight } from './spotlight';

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
});
