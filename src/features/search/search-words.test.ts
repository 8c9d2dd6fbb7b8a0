import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildHotline, buildUser, startTestApp, type TestApp } from '../../../test/helpers/app';
import { openCaseThroughApi } from '../cases/testing/open-case';
import { signInApart } from '../cases/testing/sign-in';
import { fuzzyWords } from './words';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

type Call = ReturnType<typeof as>;

async function openCase(call: Call, hotlineId: string): Promise<string> {
  return (await openCaseThroughApi(app, call, hotlineId)).id;
}

async function storedWords(hotlineId: string): Promise<string[]> {
  const { rows } = await sql<{
    word: string;
  }>`select word from search_words where hotline_id = ${hotlineId} order by word`.execute(app.database.db);
  return rows.map((r) => r.word);
}

describe('words kept for search', () => {
  it('a name no longer used by anyone is gone from search_words, search and its look-alikes', async () => {
    const hotline = await buildHotline(app);
    const call = await signInApart(app, await buildUser(app, { role: 'advocate', hotlineId: hotline.id }));
    const caseId = await openCase(call, hotline.id);
    const hits = async (q: string) =>
      (await call({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` })).json<{
        items: Array<{ id: string }>;
      }>().items;
    const add = async (payload: Record<string, unknown>) => {
      const res = await call({ method: 'POST', url: `/api/cases/${caseId}/persons`, payload });
      expect(res.statusCode).toBe(201);
      return res.json<{ id: string }>();
    };
    const renamed = await add({ role: 'victim', fullName: 'Zenobia Quarrington', aliases: ['Zeno'] });
    const erased = await add({ role: 'trafficker', fullName: 'Thaddeus Quarrington' });
    const kept = await add({ role: 'other', fullName: 'Maria Lopez' });
    await call({
      method: 'POST',
      url: `/api/cases/${caseId}/businesses`,
      payload: { name: 'Quillfeather Farms', address: '9 Oakhurst Road' },
    });
    expect(await storedWords(hotline.id)).toEqual(
      expect.arrayContaining(['zenobia', 'zeno', 'thaddeus', 'quarrington', 'quillfeather', 'oakhurst']),
    );
    expect((await hits('Zenobia')).map((h) => h.id)).toEqual([renamed.id]);
    expect(await fuzzyWords(app.database.db, hotline.id, 'zenobya')).toBe("('zenobia' | 'zeno')");

    // Renamed: her old first name and alias go; the family name stays while Thaddeus has it.
    const put = await call({
      method: 'PUT',
      url: `/api/cases/${caseId}/persons/${renamed.id}`,
      payload: { version: 1, fullName: 'Ana Quarrington', aliases: [] },
    });
    expect(put.json()).toMatchObject({ id: renamed.id, version: 2 });
    let words = await storedWords(hotline.id);
    expect(words).not.toContain('zenobia');
    expect(words).not.toContain('zeno');
    expect(words).toContain('quarrington');
    expect(await hits('Zenobia')).toEqual([]);
    expect(await hits('Zenobya')).toEqual([]);
    expect(await fuzzyWords(app.database.db, hotline.id, 'zenobya')).toBeNull();

    // Erased: removing his record takes his name with it, and the family name once nobody has it.
    await sql`delete from case_persons where person_id in (${erased.id}, ${renamed.id})`.execute(
      app.database.db,
    );
    await sql`delete from persons where id in (${erased.id}, ${renamed.id})`.execute(app.database.db);
    words = await storedWords(hotline.id);
    for (const gone of ['thaddeus', 'quarrington', 'ana']) expect(words).not.toContain(gone);
    expect(await hits('Thaddeus Quarrington')).toEqual([]);
    expect(await hits('Quarington')).toEqual([]);
    expect(await fuzzyWords(app.database.db, hotline.id, 'quarington')).toBeNull();

    // Words still in use elsewhere stay: another person's name, a business and its address.
    expect(words).toEqual(expect.arrayContaining(['maria', 'lopez', 'quillfeather', 'farms', 'oakhurst']));
    expect((await hits('Maria Lopez')).map((h) => h.id)).toEqual([kept.id]);
    await sql`update businesses set name = 'Hillside Farms', address = null
               where hotline_id = ${hotline.id}`.execute(app.database.db);
    words = await storedWords(hotline.id);
    expect(words).not.toContain('quillfeather');
    expect(words).not.toContain('oakhurst');
    expect(words).toEqual(expect.arrayContaining(['hillside', 'farms']));
  });

  it('a word another hotline still uses is removed only from the hotline that stopped using it', async () => {
    const ours = await buildHotline(app);
    const theirs = await buildHotline(app);
    const person = async (hotlineId: string) => {
      const call = await signInApart(app, await buildUser(app, { role: 'advocate', hotlineId }));
      const caseId = await openCase(call, hotlineId);
      const res = await call({
        method: 'POST',
        url: `/api/cases/${caseId}/persons`,
        payload: { role: 'victim', fullName: 'Ottoline Brackenbury' },
      });
      return res.json<{ id: string }>().id;
    };
    const mine = await person(ours.id);
    await person(theirs.id);
    await sql`delete from case_persons where person_id = ${mine}`.execute(app.database.db);
    await sql`delete from persons where id = ${mine}`.execute(app.database.db);
    expect(await storedWords(ours.id)).not.toContain('ottoline');
    expect(await storedWords(theirs.id)).toEqual(expect.arrayContaining(['ottoline', 'brackenbury']));
  });

  it('a word like two of the query words counts for one of them only', async () => {
    const hotline = await buildHotline(app);
    const call = await signInApart(app, await buildUser(app, { role: 'advocate', hotlineId: hotline.id }));
    const caseId = await openCase(call, hotline.id);
    const ids: Record<string, string> = {};
    for (const fullName of ['Jose Joseph', 'Jose Smith', 'Joseph Brown']) {
      const res = await call({
        method: 'POST',
        url: `/api/cases/${caseId}/persons`,
        payload: { role: 'victim', fullName },
      });
      ids[fullName] = res.json<{ id: string }>().id;
    }
    const hits = async (q: string) =>
      (await call({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` }))
        .json<{ items: Array<{ id: string }> }>()
        .items.map((h) => h.id);
    expect(await hits('jose joseph')).toEqual([ids['Jose Joseph']]);
    expect(await hits('jos joseph')).toEqual([ids['Jose Joseph']]);
    expect(await fuzzyWords(app.database.db, hotline.id, 'jose joseph')).toBe("('jose') & ('joseph')");
  });
});
