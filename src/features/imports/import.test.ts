import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHotline, startTestApp, type TestApp } from '../../../test/helpers/app';
import { systemActor } from '../../platform/audit/audit';
import { AppError } from '../../platform/errors';
import { importRecords } from './load';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

const caseLine = (id: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    type: 'case',
    id,
    identifiedAt: '2019-03-04T10:00:00Z',
    traffickingType: 'sex',
    locations: [{ venueType: 'hotel_motel', state: 'MS', city: 'Jackson' }],
    persons: [
      { id: `${id}-v1`, role: 'victim', fullName: 'Ana Example', gender: 'female', ageYears: 16 },
      { id: `${id}-t1`, role: 'trafficker', fullName: 'Bo Example' },
    ],
    groups: [{ role: 'victim', count: 4, description: 'four workers' }],
    businesses: [{ id: `${id}-b1`, name: 'Example Inn', typology: 'hotels_hospitality', state: 'MS' }],
    ...extra,
  });
const signalLine = (id: string, caseIds: string[]): string =>
  JSON.stringify({
    type: 'signal',
    id,
    channel: 'phone',
    receivedAt: '2019-03-03T22:00:00Z',
    category: 'tip',
    state: 'MS',
    signaler: { id: `${id}-sg`, role: 'community_member', phone: '+16015550100' },
    caseIds,
  });

async function counts(hotlineId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['cases', 'signals', 'persons', 'businesses', 'locations', 'case_signals'] as const) {
    const r = await app.database.db
      .selectFrom(t)
      .where('hotline_id', '=', hotlineId)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = r.n;
  }
  return out;
}

async function importInto(hotlineId: string, lines: string[]) {
  return importRecords(app.database.db, lines, { hotlineId, who: systemActor('cli:test', hotlineId) });
}

describe('importing case-level history', () => {
  it('loads cases with people, businesses, locations and signals; the same file twice changes nothing', async () => {
    const { id } = await buildHotline(app);
    const file = [caseLine('C-1'), caseLine('C-2'), signalLine('S-1', ['C-1', 'C-2'])];
    const first = await importInto(id, file);
    expect(first.cases.created).toBe(2);
    const after = await counts(id);
    expect(after).toEqual({ cases: 2, signals: 1, persons: 4, businesses: 2, locations: 2, case_signals: 2 });
    const again = await importInto(id, file);
    expect(again.cases).toEqual({ created: 0, skipped: 2 });
    expect(again.signals).toEqual({ created: 0, skipped: 1 });
    expect(await counts(id)).toEqual(after);
  });

  it('names the line and the field of every problem, and imports nothing', async () => {
    const { id } = await buildHotline(app);
    const bad = [
      caseLine('C-1'),
      caseLine('C-2', { traffickingType: 'forced' }),
      '{not json',
      caseLine('C-3', { persons: [{ id: 'p', role: 'victim', ageYears: 300 }] }),
      signalLine('S-1', ['C-404']),
    ];
    const err = await importInto(id, bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const issues = ((err as AppError).details as { issues: Array<{ line: number; field: string }> }).issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 2, field: 'traffickingType' }),
        expect.objectContaining({ line: 3, field: '(line)' }),
        expect.objectContaining({ line: 4, field: 'persons.0.ageYears' }),
      ]),
    );
    expect((await counts(id)).cases).toBe(0);

    // Once the file is otherwise valid, an unknown case reference is still refused with its line.
    const unresolved = await importInto(id, [caseLine('C-1'), signalLine('S-1', ['C-404'])]).catch(
      (e: unknown) => e,
    );
    expect(((unresolved as AppError).details as { issues: unknown[] }).issues).toEqual([
      expect.objectContaining({ line: 2, field: 'caseIds.0' }),
    ]);
    expect(await counts(id)).toMatchObject({ cases: 0, persons: 0, signals: 0 });
  });

  it('rolls back everything when the database refuses a row', async () => {
    const { id } = await buildHotline(app);
    await importInto(id, [caseLine('C-1', { referenceCode: 'REF-1' })]);
    const err = await importInto(id, [caseLine('C-2'), caseLine('C-3', { referenceCode: 'REF-1' })]).catch(
      (e: unknown) => e,
    );
    expect((err as AppError).code).toBe('conflict');
    expect((await counts(id)).cases).toBe(1);
  });

  it("keeps one hotline's external ids apart from another's", async () => {
    const a = await buildHotline(app);
    const b = await buildHotline(app);
    await importInto(a.id, [caseLine('C-1')]);
    const s = await importInto(b.id, [caseLine('C-1')]);
    expect(s.cases.created).toBe(1);
  });
});
