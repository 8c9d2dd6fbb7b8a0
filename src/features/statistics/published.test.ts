import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHotline, startTestApp, type TestApp } from '../../../test/helpers/app';
import { systemActor } from '../../platform/audit/audit';
import { buildDemo, PUBLISHED_AS_OF, type DemoOptions } from '../imports/demo/dataset';
import { loadDemo } from '../imports/demo/load-demo';
import { MS_PHONE_CALLS, publishedRows } from '../imports/demo/published';
import { spotlight } from './spotlight';

let app: TestApp;
let hotlineId: string;
const DEMO: DemoOptions = { seed: 2019, years: [2019], states: ['MS', 'MO'], scale: 1 };
beforeAll(async () => {
  app = await startTestApp();
  hotlineId = (await buildHotline(app)).id;
  // Record linkage decides who is who, as `waymark demo` and any import do.
  await loadDemo(app.database.db, { ...DEMO, hotlineId, who: systemActor('cli:test', hotlineId) });
}, 600_000);
afterAll(async () => app?.close());

describe('the published 2019 Spotlights, reproduced from case-level data', () => {
  for (const row of publishedRows()) {
    it(`${row.state} 2019 as of ${PUBLISHED_AS_OF}, figure for figure`, async () => {
      const s = await spotlight(app.database.db, {
        hotlineId,
        state: row.state,
        from: '2019-01-01',
        to: '2019-12-31',
        asOf: PUBLISHED_AS_OF,
      });
      expect(s.victimsIdentified).toBe(Number(row.victims_identified));
      expect(s.traffickersIdentified).toBe(Number(row.traffickers_identified));
      expect(s.traffickingBusinesses).toBe(Number(row.trafficking_businesses));
      const parts = ['cases_sex', 'cases_labor', 'cases_sex_and_labor', 'cases_not_specified'] as const;
      const sumOfParts = parts.reduce((n, k) => n + Number(row[k]), 0);
      // Missouri's published total (233) is one less than its published parts (234); a case has one
      // type, so the total here is the sum of the types (docs/spotlight.md, "The published figures").
      expect(Number(row.cases_total)).toBe(row.state === 'MO' ? sumOfParts - 1 : sumOfParts);
      expect(s.cases).toEqual({
        total: sumOfParts,
        sex: Number(row.cases_sex),
        labor: Number(row.cases_labor),
        sexAndLabor: Number(row.cases_sex_and_labor),
        notSpecified: Number(row.cases_not_specified),
      });
      expect(s.signals.phone).toBe(row.signals_phone === '' ? MS_PHONE_CALLS : Number(row.signals_phone));
      expect(s.signals.webform).toBe(Number(row.signals_webform));
      expect(s.signals.email).toBe(Number(row.signals_email));
      expect(s.signals.text).toBe(Number(row.signals_text));
      expect(s.signals.webchat).toBe(Number(row.signals_webchat));
      // Breakdowns account for every victim.
      expect(s.victimGender.total).toBe(s.victimsIdentified);
    });
  }

  it('counts cases recorded after the "as of" date only in later reports', async () => {
    const now = await spotlight(app.database.db, {
      hotlineId,
      state: 'MS',
      from: '2019-01-01',
      to: '2019-12-31',
      asOf: '2026-01-01',
    });
    expect(now.cases.total).toBe(148 + 3);
  });

  it('counts a victim named in several cases under different spellings once', async () => {
    const { rows } = await sql<{ records: number; people: number }>`
      select count(distinct p.id)::int as records, count(distinct coalesce(p.cluster_id, p.id))::int as people
      from case_persons cp join persons p on p.id = cp.person_id
      where cp.hotline_id = ${hotlineId} and cp.role = 'victim'`.execute(app.database.db);
    // Without linkage every spelling would count as another victim.
    expect(rows[0]!.records - rows[0]!.people).toBeGreaterThan(20);
  });

  for (const table of ['persons', 'businesses', 'signalers'] as const) {
    it(`links every ${table} mention of one real identity together, and no two identities`, async () => {
      const truth = buildDemo(DEMO).truth[table];
      const { rows } = await sql<{ external_id: string; entity: string }>`
        select external_id, coalesce(cluster_id, id)::text as entity from ${sql.table(table)}
        where hotline_id = ${hotlineId} and external_id is not null`.execute(app.database.db);
      const entityOf = new Map(rows.map((r) => [r.external_id, r.entity]));
      const identitiesOfEntity = new Map<string, Set<string>>();
      const entitiesOfIdentity = new Map<string, Set<string>>();
      for (const [mention, identity] of truth) {
        const entity = entityOf.get(mention);
        expect(entity, mention).toBeDefined();
        if (!entity) continue;
        identitiesOfEntity.set(entity, (identitiesOfEntity.get(entity) ?? new Set()).add(identity));
        entitiesOfIdentity.set(identity, (entitiesOfIdentity.get(identity) ?? new Set()).add(entity));
      }
      const split = [...entitiesOfIdentity].filter(([, e]) => e.size > 1).map(([i]) => i);
      const merged = [...identitiesOfEntity].filter(([, i]) => i.size > 1).map(([, i]) => [...i].join('+'));
      expect(split, 'one identity counted as several').toEqual([]);
      expect(merged, 'several identities counted as one').toEqual([]);
    });
  }
});
