import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Insertable } from 'kysely';
import { buildHotline, startTestApp, type TestApp } from '../../../test/helpers/app';
import { systemActor } from '../../platform/audit/audit';
import type { PersonsTable } from '../../platform/db/schema';
import { runBatch } from './batch';
import { refreshKeysAndFindCandidates } from './incremental';
import { linkPerson } from './service';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

type PersonInput = Omit<Insertable<PersonsTable>, 'hotline_id'>;

async function addPerson(hotlineId: string, person: PersonInput): Promise<string> {
  const { id } = await app.database.db
    .insertInto('persons')
    .values({ ...person, hotline_id: hotlineId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await relink(hotlineId, id);
  return id;
}

async function relink(hotlineId: string, id: string): Promise<void> {
  await app.database.db
    .transaction()
    .execute((trx) => linkPerson(trx, { hotlineId, who: systemActor('cli:test', hotlineId) }, id));
}

class RolledBack extends Error {
  constructor(readonly ids: string[]) {
    super('rolled back');
  }
}

/**
 * Candidates found by the close-spelling search alone: a record with no search keys and this
 * name, rolled back afterwards so that its name is not stored.
 */
async function closeTo(hotlineId: string, name: string): Promise<string[]> {
  try {
    await app.database.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('persons')
        .values({ hotline_id: hotlineId })
        .returning('id')
        .executeTakeFirstOrThrow();
      const found = await refreshKeysAndFindCandidates(trx, hotlineId, 'person', id, [], name, 60);
      throw new RolledBack(found.map((r) => r.id));
    });
  } catch (e) {
    if (e instanceof RolledBack) return e.ids;
    throw e;
  }
  return [];
}

/** The stored name words of a hotline (the words themselves, not their variants). */
async function wordsOf(hotlineId: string): Promise<string[]> {
  const rows = await app.database.db
    .selectFrom('linkage_name_variants')
    .select(['variant', 'word'])
    .where('hotline_id', '=', hotlineId)
    .execute();
  return [...new Set(rows.map((r) => r.word))].sort();
}

describe('close spellings through one-edit variants of name words', () => {
  it('finds a name one edit away in each word (dropped, added, changed, swapped letters)', async () => {
    const { id: hotlineId } = await buildHotline(app);
    const target = await addPerson(hotlineId, { given_name: 'Jonathan', family_name: 'Szczepanski' });
    const twoEdits = await addPerson(hotlineId, { given_name: 'Jonathan', family_name: 'Sczepanksy' });
    await addPerson(hotlineId, { given_name: 'Joanna', family_name: 'Kowalczyk' });
    expect(await closeTo(hotlineId, 'jonathn szczepanski')).toContain(target);
    expect(await closeTo(hotlineId, 'jonathan szczepanskie')).toContain(target);
    expect(await closeTo(hotlineId, 'jonathan szczepamski')).toContain(target);
    expect(await closeTo(hotlineId, 'jonahtan szczepanski')).toEqual(expect.arrayContaining([target]));
    // More than one edit away in the family name: not a close spelling.
    expect(await closeTo(hotlineId, 'jonathan szczepanski')).not.toContain(twoEdits);
    // "tefai" and "tefoa" share a deletion ("tefa") but are two edits apart; "tefia" is one swap.
    const swapped = await addPerson(hotlineId, { given_name: 'Tefia', family_name: 'Brown' });
    await addPerson(hotlineId, { given_name: 'Tefoa', family_name: 'Brown' });
    expect(await closeTo(hotlineId, 'tefai brown')).toEqual([swapped]);
  });

  it('a name of one word finds the same word with a short name beside it, and one letter more or less at its end', async () => {
    const { id: hotlineId } = await buildHotline(app);
    const withGiven = await addPerson(hotlineId, { given_name: 'Joe', family_name: 'Ojhnson' });
    const alone = await addPerson(hotlineId, { family_name: 'Ojhnsons' });
    const shorter = await addPerson(hotlineId, { family_name: 'Ojhnso' });
    // "johnson" is one swap from "ojhnson" but far less alike as a whole name (0.33): never kept.
    const others = [];
    for (const given of ['Mary', 'Joe', 'Anna']) {
      others.push(await addPerson(hotlineId, { given_name: given, family_name: 'Johnson' }));
    }
    others.push(await addPerson(hotlineId, { family_name: 'Johnson' }));
    const found = await closeTo(hotlineId, 'ojhnson');
    expect(found.sort()).toEqual([withGiven, alone, shorter].sort());
    // The word itself is still found beside a short given name.
    expect((await closeTo(hotlineId, 'johnson')).sort()).toEqual(others.sort());
  });

  it('compares accented and non-Latin names as written', async () => {
    const { id: hotlineId } = await buildHotline(app);
    const maria = await addPerson(hotlineId, { given_name: 'Мария', family_name: 'Иванова' });
    const jose = await addPerson(hotlineId, { given_name: 'José', family_name: 'Muñoz Ibáñez' });
    await addPerson(hotlineId, { given_name: '秀英', family_name: '王' });
    expect(await closeTo(hotlineId, 'мария иваннова')).toEqual([maria]);
    expect(await closeTo(hotlineId, 'jose munos ibanez')).toEqual([jose]);
    expect(await wordsOf(hotlineId)).toEqual(
      expect.arrayContaining(['мария', 'иванова', 'jose', 'munoz', 'ibanez', '秀英', '王']),
    );
  });

  it('forgets a word when no name uses it any more, so a renamed person leaves no trace', async () => {
    const { id: hotlineId } = await buildHotline(app);
    const a = await addPerson(hotlineId, { given_name: 'Zbigniewa', family_name: 'Kowalczyk' });
    await addPerson(hotlineId, { given_name: 'Ewa', family_name: 'Kowalczyk' });
    expect(await wordsOf(hotlineId)).toEqual(['ewa', 'kowalczyk', 'zbigniewa']);

    await app.database.db
      .updateTable('persons')
      .set({ given_name: 'Teresa', family_name: 'Nowak' })
      .where('id', '=', a)
      .execute();
    await relink(hotlineId, a);
    // "kowalczyk" is still Ewa's; "zbigniewa" is nobody's, nor is any variant of it.
    expect(await wordsOf(hotlineId)).toEqual(['ewa', 'kowalczyk', 'nowak', 'teresa']);
    const left = await app.database.db
      .selectFrom('linkage_name_variants')
      .select('variant')
      .where('hotline_id', '=', hotlineId)
      .where('variant', 'like', 'zbign%')
      .execute();
    expect(left).toEqual([]);
    expect(await closeTo(hotlineId, 'zbigniewa kowalczyk')).toEqual([]);

    // A name taken away altogether takes its words with it.
    await app.database.db
      .updateTable('persons')
      .set({ given_name: null, family_name: null, phones: ['+1 601 555 0177'] })
      .where('id', '=', a)
      .execute();
    await relink(hotlineId, a);
    expect(await wordsOf(hotlineId)).toEqual(['ewa', 'kowalczyk']);
  });

  it('a batch run rewriting every name keeps exactly the words in use', async () => {
    const { id: hotlineId } = await buildHotline(app);
    const a = await addPerson(hotlineId, { given_name: 'Bogumila', family_name: 'Wisniewska' });
    await addPerson(hotlineId, { given_name: 'Halina', family_name: 'Wisniewska' });
    // Changed without linking: only the batch run sees the new name.
    await app.database.db.updateTable('persons').set({ given_name: 'Jadwiga' }).where('id', '=', a).execute();
    await app.database.db
      .transaction()
      .execute((trx) => runBatch(trx, { hotlineId, who: systemActor('cli:test', hotlineId) }, 'person'));
    expect(await wordsOf(hotlineId)).toEqual(['halina', 'jadwiga', 'wisniewska']);
  });
});
