import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildHotline, buildUser, signIn, startTestApp, type TestApp } from '../../../test/helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();
const tokenIn = (page: string): string => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
const codeIn = (page: string): string | undefined => /data-reference-code>([^<]+)</.exec(page)?.[1];

/** The signals each hotline has, by reference code. */
async function codesOf(hotlineId: string): Promise<string[]> {
  const rows = await app.database.db
    .selectFrom('signals')
    .select('reference_code')
    .where('hotline_id', '=', hotlineId)
    .execute();
  return rows.map((r) => r.reference_code);
}
const allSignals = async (): Promise<number> =>
  Number(
    (
      await app.database.db
        .selectFrom('signals')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Sends the plain HTML form at `path` as a browser without JavaScript does. */
async function sendForm(path: string, what: string) {
  const page = await app.http.inject({ method: 'GET', url: path });
  expect(page.statusCode, page.body).toBe(200);
  return app.http.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: tokenIn(page.body), what, state: 'MS' }),
  });
}

let north: { id: string; call: ReturnType<typeof as>; channelId: string };
let main: string;

describe('a hotline with its own webform slug', () => {
  it('is the only hotline, yet an unknown slug files nothing with it', async () => {
    const user = await buildUser(app, { role: 'admin' });
    const call = as(app, await signIn(app, user));
    const added = await call({
      method: 'POST',
      url: '/api/channels',
      payload: { kind: 'webform', address: 'North-Clinic' },
    });
    expect(added.statusCode, added.body).toBe(201);
    north = { id: user.hotlineId, call, channelId: added.json().id };

    const before = await allSignals();
    for (const url of ['/report/nowhere', '/es/report/nowhere', '/report/Not%20a%20slug']) {
      const page = await app.http.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(404);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).not.toContain('name="_csrf"');
    }
    expect((await app.http.inject({ method: 'GET', url: '/report/nowhere' })).body).toContain(
      'There is no report form at this address',
    );
    expect((await app.http.inject({ method: 'GET', url: '/es/report/nowhere' })).body).toContain(
      'No hay un formulario de denuncia',
    );
    // A token from a real form does not make an unknown slug's post land anywhere.
    const real = await app.http.inject({ method: 'GET', url: '/report/north-clinic' });
    const posted = await app.http.inject({
      method: 'POST',
      url: '/report/nowhere',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: tokenIn(real.body), what: 'Lost report', state: 'MS' }),
    });
    expect(posted.statusCode).toBe(404);
    const json = await app.http.inject({
      method: 'POST',
      url: '/api/public/forms/nowhere/reports',
      payload: { what: 'Lost report' },
    });
    expect(json.statusCode).toBe(404);
    expect(json.json()).toMatchObject({ error: { code: 'not_found', message: expect.any(String) } });
    expect(await allSignals()).toBe(before);
  });

  it('takes reports at /report/<slug> in English and Spanish, and as JSON, for its hotline only', async () => {
    main = (await buildHotline(app)).id;
    const mainAdmin = as(app, await signIn(app, await buildUser(app, { role: 'admin', hotlineId: main })));
    expect(
      (
        await mainAdmin({
          method: 'POST',
          url: '/api/channels',
          payload: { kind: 'webform', address: 'default' },
        })
      ).statusCode,
    ).toBe(201);

    const page = await app.http.inject({ method: 'GET', url: '/report/north-clinic' });
    expect(page.body).toContain('action="/report/north-clinic"');
    expect(page.body).toContain('data-api="/api/public/forms/north-clinic/reports"');
    expect(page.body).toContain('href="/report/north-clinic/add"');
    expect(page.body).toContain('href="/es/report/north-clinic"');

    const en = await sendForm('/report/north-clinic', 'Workers sleep in the kitchen');
    expect(en.statusCode).toBe(200);
    const es = await sendForm('/es/report/north-clinic', 'Trabajadores duermen en la cocina');
    expect(es.statusCode).toBe(200);
    expect(es.body).toContain('lang="es"');
    expect(es.body).toContain('href="/es/report/north-clinic/add"');
    const api = await app.http.inject({
      method: 'POST',
      url: '/api/public/forms/north-clinic/reports',
      payload: { what: 'A minor sold online', minors: 'yes' },
    });
    expect(api.statusCode).toBe(201);
    const viaDefault = await sendForm('/report', 'Default form report');
    expect(viaDefault.statusCode).toBe(200);

    const northCodes = await codesOf(north.id);
    expect(northCodes).toEqual(
      expect.arrayContaining([codeIn(en.body), codeIn(es.body), api.json().referenceCode]),
    );
    expect(northCodes).toHaveLength(3);
    expect(await codesOf(main)).toEqual([codeIn(viaDefault.body)]);

    // More information goes through the form the report came in on.
    const { referenceCode, secret } = api.json<{ referenceCode: string; secret: string }>();
    const more = { referenceCode, secret, more: 'They moved' };
    const elsewhere = await app.http.inject({
      method: 'POST',
      url: '/api/public/reports/additions',
      payload: more,
    });
    expect(elsewhere.statusCode).toBe(404);
    const added = await app.http.inject({
      method: 'POST',
      url: '/api/public/forms/north-clinic/additions',
      payload: more,
    });
    expect(added.statusCode, added.body).toBe(201);
    const addPage = await app.http.inject({ method: 'GET', url: '/report/north-clinic/add' });
    expect(addPage.statusCode).toBe(200);
    expect(addPage.body).toContain('action="/report/north-clinic/add"');
    const byForm = await app.http.inject({
      method: 'POST',
      url: '/report/north-clinic/add',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ ...more, more: 'And a van' }),
    });
    expect(byForm.statusCode).toBe(200);
    expect(byForm.body).toContain(referenceCode);
  });

  it('renamed or removed by its administrator, the old slug is a 404 at once', async () => {
    const renamed = await north.call({
      method: 'PATCH',
      url: `/api/channels/${north.channelId}`,
      payload: { address: 'north-2' },
    });
    expect(renamed.statusCode).toBe(200);
    expect((await app.http.inject({ method: 'GET', url: '/report/north-clinic' })).statusCode).toBe(404);
    expect((await app.http.inject({ method: 'GET', url: '/report/north-2' })).statusCode).toBe(200);
    const removed = await north.call({ method: 'DELETE', url: `/api/channels/${north.channelId}` });
    expect(removed.statusCode).toBe(200);
    const before = await codesOf(main);
    const api = await app.http.inject({
      method: 'POST',
      url: '/api/public/forms/north-2/reports',
      payload: { what: 'After removal' },
    });
    expect(api.statusCode).toBe(404);
    expect(await codesOf(main)).toEqual(before);
  });

  it('cannot be "add", which is the page for adding to a report', async () => {
    const taken = await north.call({
      method: 'POST',
      url: '/api/channels',
      payload: { kind: 'webform', address: 'add' },
    });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().error.details.fields).toEqual([
      { path: 'body.address', message: expect.stringContaining('add') },
    ]);
  });
});
