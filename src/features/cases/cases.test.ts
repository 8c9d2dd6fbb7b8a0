import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildHotline, buildUser, startTestApp, type TestApp } from '../../../test/helpers/app';
import { registerCloseGuard } from './close-guards';
import { buildSignal } from './testing/factories';
import { openCaseThroughApi } from './testing/open-case';
import { signInApart } from './testing/sign-in';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

type Call = ReturnType<typeof as>;
async function staff(
  hotlineId: string,
  role: 'advocate' | 'supervisor' | 'analyst' | 'coordinator' | 'partner' = 'advocate',
) {
  const user = await buildUser(app, { role, hotlineId });
  return { user, call: await signInApart(app, user) };
}

const openCase = (call: Call, hotlineId: string) =>
  openCaseThroughApi(app, call, hotlineId, 'Motel on Route 49');

/**
 * A minor victim makes reports mandatory (the mandatory-reports feature guards closing); file them
 * the way an advocate would before closing. Nothing to do when that feature is not installed.
 */
async function fileRequiredReports(call: Call, caseId: string) {
  const res = await call({ method: 'GET', url: `/api/cases/${caseId}/required-reports` });
  if (res.statusCode !== 200) return;
  for (const r of res.json().reports as Array<{ id: string; version: number; status: string }>) {
    if (r.status !== 'due') continue;
    const filed = await call({
      method: 'POST',
      url: `/api/required-reports/${r.id}/file`,
      payload: {
        filedAt: new Date().toISOString(),
        method: 'phone',
        filedTo: 'Intake line',
        version: r.version,
      },
    });
    expect(filed.statusCode).toBe(200);
  }
}

const minorVictim = {
  role: 'victim',
  fullName: 'Jasmine Carter',
  aliases: ['Jazz'],
  ageYears: 16,
  gender: 'female',
  languages: ['en'],
  phones: ['(601) 555-0142'],
  emails: ['Jazz.C@example.org'],
};

describe('a case from a signal to closing', () => {
  it('opens, holds people, places, notes and tasks, and closes only with a reason', async () => {
    const hotline = await buildHotline(app);
    const { call } = await staff(hotline.id);
    const c = await openCase(call, hotline.id);

    const victim = await call({ method: 'POST', url: `/api/cases/${c.id}/persons`, payload: minorVictim });
    expect(victim.statusCode).toBe(201);
    expect(victim.json()).toMatchObject({ role: 'victim', isMinor: true });
    const trafficker = await call({
      method: 'POST',
      url: `/api/cases/${c.id}/persons`,
      payload: { role: 'trafficker', fullName: 'Darnell Price', aliases: ['D'] },
    });
    expect(trafficker.statusCode).toBe(201);
    expect(
      (
        await call({
          method: 'POST',
          url: `/api/cases/${c.id}/groups`,
          payload: { role: 'victim', count: 3, includesMinors: true },
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await call({
          method: 'POST',
          url: `/api/cases/${c.id}/businesses`,
          payload: {
            name: 'Magnolia Inn',
            typology: 'hotels_hospitality',
            address: '12 Pine St',
            city: 'Jackson',
            state: 'MS',
            phone: '601-555-0100',
          },
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await call({
          method: 'POST',
          url: `/api/cases/${c.id}/locations`,
          payload: {
            venueType: 'hotel_motel',
            address: '12 Pine St',
            city: 'Jackson',
            county: 'Hinds',
            state: 'MS',
          },
        })
      ).statusCode,
    ).toBe(201);
    await call({
      method: 'POST',
      url: `/api/cases/${c.id}/notes`,
      payload: { body: 'Spoke with the caller.' },
    });
    const task = await call({
      method: 'POST',
      url: `/api/cases/${c.id}/tasks`,
      payload: { title: 'Call CPS', dueAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(task.statusCode).toBe(201);
    const mine = (await call({ method: 'GET', url: '/api/tasks/mine' })).json();
    expect(mine.items.map((t: { id: string }) => t.id)).toContain(task.json().id);
    const done = await call({
      method: 'POST',
      url: `/api/tasks/${task.json().id}/complete`,
      payload: { version: 1 },
    });
    expect(done.statusCode).toBe(200);

    const page = (await call({ method: 'GET', url: `/api/cases/${c.id}` })).json();
    expect(page.people).toHaveLength(2);
    expect(page.people[0]).toMatchObject({
      phones: ['+16015550142'],
      emails: ['jazz.c@example.org'],
      isMinor: true,
    });
    expect(page.businesses[0]).toMatchObject({ typology: 'hotels_hospitality', phone: '+16015550100' });
    expect(page.locations[0]).toMatchObject({ venueType: 'hotel_motel', state: 'MS' });
    expect(page.tasks[0].completedAt).not.toBeNull();
    expect(page.timeline.items.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['signal', 'note', 'task_created', 'task_completed', 'case.opened']),
    );

    await fileRequiredReports(call, c.id);
    const noReason = await call({
      method: 'POST',
      url: `/api/cases/${c.id}/status`,
      payload: { version: page.version, status: 'closed' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details.fields).toEqual([
      { path: 'body.closeReason', message: 'Say why the case is closing' },
    ]);
    const closed = await call({
      method: 'POST',
      url: `/api/cases/${c.id}/status`,
      payload: { version: page.version, status: 'closed', closeReason: 'services_provided' },
    });
    expect(closed.json()).toMatchObject({ status: 'closed' });
    const reopened = await call({
      method: 'POST',
      url: `/api/cases/${c.id}/status`,
      payload: { version: closed.json().version, status: 'active' },
    });
    expect(reopened.json()).toMatchObject({ status: 'active' });
    const bad = await call({
      method: 'POST',
      url: `/api/cases/${c.id}/status`,
      payload: { version: reopened.json().version, status: 'open' },
    });
    expect(bad.json().error.details.fields[0].path).toBe('body.status');

    const reads = await app.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', c.id)
      .execute();
    expect(reads.map((r) => r.action)).toEqual(
      expect.arrayContaining(['case.opened', 'case.read', 'case.person_added']),
    );
  });

  it('attaches a second signal, also found again by its case', async () => {
    const hotline = await buildHotline(app);
    const { call } = await staff(hotline.id);
    const c = await openCase(call, hotline.id);
    const text = await buildSignal(app.database.db, { hotlineId: hotline.id, channel: 'text' });
    const res = await call({
      method: 'POST',
      url: `/api/cases/${c.id}/signals`,
      payload: { signalId: text.id },
    });
    expect(res.json()).toEqual({ ok: true, added: true });
    const page = (await call({ method: 'GET', url: `/api/cases/${c.id}` })).json();
    expect(page.signals.map((s: { channel: string }) => s.channel).sort()).toEqual(['text', 'webchat']);
  });

  it('the second of two saves over the same version gets 409 with what changed', async () => {
    const hotline = await buildHotline(app);
    const { call: ana } = await staff(hotline.id);
    const { call: ben } = await staff(hotline.id);
    const c = await openCase(ana, hotline.id);
    const first = await ana({
      method: 'PATCH',
      url: `/api/cases/${c.id}`,
      payload: { version: c.version, traffickingType: 'labor' },
    });
    expect(first.statusCode).toBe(200);
    const second = await ben({
      method: 'PATCH',
      url: `/api/cases/${c.id}`,
      payload: { version: c.version, summary: 'Mine' },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.details).toMatchObject({
      currentVersion: c.version + 1,
      changes: [{ kind: 'case.updated', fields: ['traffickingType'], by: 'Test advocate' }],
    });
    const page = (await ben({ method: 'GET', url: `/api/cases/${c.id}` })).json();
    expect(page).toMatchObject({ summary: 'Motel on Route 49', traffickingType: 'labor' });
  });

  it('refuses inconsistent data with a message on the field', async () => {
    const hotline = await buildHotline(app);
    const { call } = await staff(hotline.id);
    const c = await openCase(call, hotline.id);
    const future = await call({
      method: 'POST',
      url: `/api/cases/${c.id}/persons`,
      payload: { role: 'victim', fullName: 'A B', birthDate: '2999-01-01' },
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details.fields).toContainEqual({
      path: 'body.birthDate',
      message: 'A date of birth cannot be in the future',
    });
    const state = await call({
      method: 'POST',
      url: `/api/cases/${c.id}/locations`,
      payload: { venueType: 'street', state: 'XX' },
    });
    expect(state.json().error.details.fields[0].path).toBe('body.state');
    const phone = await call({
      method: 'POST',
      url: `/api/cases/${c.id}/persons`,
      payload: { role: 'victim', fullName: 'C D', phones: ['12'] },
    });
    expect(phone.json().error.details.fields[0].path).toBe('body.phones.0');

    const victim = (
      await call({ method: 'POST', url: `/api/cases/${c.id}/persons`, payload: minorVictim })
    ).json();
    const both = await call({
      method: 'POST',
      url: `/api/cases/${c.id}/persons`,
      payload: { role: 'trafficker', personId: victim.id },
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.details.fields[0]).toEqual({
      path: 'body.role',
      message: 'A person cannot be both a trafficker and a minor victim of the same case',
    });
  });

  it('changes a person, role included, with field errors and 409 for a stale version', async () => {
    const hotline = await buildHotline(app);
    const { call } = await staff(hotline.id);
    const c = await openCase(call, hotline.id);
    const person = (
      await call({
        method: 'POST',
        url: `/api/cases/${c.id}/persons`,
        payload: { role: 'other', fullName: 'Rosa Vidal' },
      })
    ).json();
    const put = (payload: Record<string, unknown>) =>
      call({ method: 'PUT', url: `/api/cases/${c.id}/persons/${person.id}`, payload });
    const future = await put({ version: 1, fullName: 'Rosa Vidal', birthDate: '2999-01-01' });
    expect(future.json().error.details.fields).toContainEqual({
      path: 'body.birthDate',
      message: 'A date of birth cannot be in the future',
    });
    const ok = await put({ version: 1, fullName: 'Rosa Vidal Cruz', role: 'victim', ageYears: 15 });
    expect(ok.statusCode).toBe(200);
    const page = (await call({ method: 'GET', url: `/api/cases/${c.id}` })).json();
    expect(page.people).toMatchObject([
      { id: person.id, fullName: 'Rosa Vidal Cruz', role: 'victim', isMinor: true, ageYears: 15 },
    ]);
    expect((await put({ version: 1, fullName: 'Rosa V' })).statusCode).toBe(409);
    // Now a minor victim: also listing her as a trafficker of the case is refused on the field.
    const both = await call({
      method: 'POST',
      url: `/api/cases/${c.id}/persons`,
      payload: { role: 'trafficker', personId: person.id },
    });
    expect(both.json().error.details.fields[0].path).toBe('body.role');
    const found = (await call({ method: 'GET', url: '/api/search?q=rosa%20vidal%20cruz' })).json();
    expect(found.items[0]).toMatchObject({ kind: 'person', id: person.id, role: 'victim' });
  });

  it('a registered close guard stops closing until it is satisfied', async () => {
    const hotline = await buildHotline(app);
    const { call } = await staff(hotline.id);
    const c = await openCase(call, hotline.id);
    let filed = false;
    const remove = registerCloseGuard('test.report-filed', async () =>
      filed ? null : 'A required report is not filed yet',
    );
    try {
      const check = (await call({ method: 'GET', url: `/api/cases/${c.id}/close-check` })).json();
      expect(check).toEqual({
        ok: false,
        blockers: [{ guard: 'test.report-filed', message: 'A required report is not filed yet' }],
      });
      const refused = await call({
        method: 'POST',
        url: `/api/cases/${c.id}/status`,
        payload: { version: c.version, status: 'closed', closeReason: 'other' },
      });
      expect(refused.statusCode).toBe(400);
      filed = true;
      const ok = await call({
        method: 'POST',
        url: `/api/cases/${c.id}/status`,
        payload: { version: c.version, status: 'closed', closeReason: 'other' },
      });
      expect(ok.statusCode).toBe(200);
    } finally {
      remove();
    }
  });
});

describe('search', () => {
  it('finds by fuzzy name or alias, exact phone in any format, email, business; obeys filters and hotlines', async () => {
    const hotline = await buildHotline(app);
    const { call } = await staff(hotline.id);
    const c = await openCase(call, hotline.id);
    await call({ method: 'POST', url: `/api/cases/${c.id}/persons`, payload: minorVictim });
    await call({
      method: 'POST',
      url: `/api/cases/${c.id}/businesses`,
      payload: { name: 'Magnolia Inn', address: '12 Pine Street', phone: '601 555 0100' },
    });
    await call({
      method: 'POST',
      url: `/api/cases/${c.id}/locations`,
      payload: { venueType: 'hotel_motel', state: 'MS' },
    });

    const hits = async (q: string, extra = '') =>
      (await call({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}${extra}` })).json<{
        mode: string;
        items: Array<Record<string, unknown>>;
      }>();
    expect((await hits('Jasmin Carter')).items[0]).toMatchObject({ kind: 'person', case: { id: c.id } });
    expect((await hits('jazz')).items[0]).toMatchObject({ kind: 'person' });
    expect(await hits('+1 601-555-0142')).toMatchObject({
      mode: 'phone',
      items: [{ kind: 'person', matchedOn: 'phone' }],
    });
    expect((await hits('6015550100')).items[0]).toMatchObject({ kind: 'business' });
    expect((await hits('JAZZ.C@example.org')).items).toHaveLength(1);
    expect((await hits('Magnolia')).items[0]).toMatchObject({ kind: 'business', label: 'Magnolia Inn' });
    expect((await hits('Pine Street')).items[0]).toMatchObject({ matchedOn: 'address' });
    // Misspelt words, a letter dropped or swapped, and a word that matches nothing at all.
    expect((await hits('Jasmne Carter')).items[0]).toMatchObject({ kind: 'person', case: { id: c.id } });
    expect((await hits('Jasmine Q Carter')).items[0]).toMatchObject({ kind: 'person', case: { id: c.id } });
    expect((await hits('Magnloia Inn')).items[0]).toMatchObject({ kind: 'business', label: 'Magnolia Inn' });
    expect((await hits('12 Pine Stret')).items[0]).toMatchObject({ matchedOn: 'address' });
    expect((await hits('13 Pine Street')).items).toHaveLength(0);
    expect((await hits('Zebulon')).items).toHaveLength(0);
    expect((await hits('Jasmine', '&state=MS')).items).toHaveLength(1);
    expect((await hits('Jasmine', '&state=TX')).items).toHaveLength(0);
    expect((await hits('Jasmine', '&type=labor')).items).toHaveLength(0);
    expect((await hits(c.referenceCode)).items[0]).toMatchObject({ kind: 'case' });

    const other = await buildHotline(app);
    const { call: stranger } = await staff(other.id);
    const theirs = (await stranger({ method: 'GET', url: '/api/search?q=Jasmine%20Carter' })).json();
    expect(theirs.items).toEqual([]);
    const audit = await app.database.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'search.run')
      .execute();
    expect(JSON.stringify(audit)).not.toContain('Jasmin');
  });

  it('pages through many hits with a keyset cursor', async () => {
    const hotline = await buildHotline(app);
    const { call } = await staff(hotline.id);
    const c = await openCase(call, hotline.id);
    for (let i = 0; i < 5; i++) {
      await call({
        method: 'POST',
        url: `/api/cases/${c.id}/persons`,
        payload: { role: 'other', fullName: `Rosa Delgado ${i}` },
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { items: Array<{ id: string }>; nextCursor: string | null } = (
        await call({
          method: 'GET',
          url: `/api/search?q=rosa%20delgado&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        })
      ).json();
      seen.push(...res.items.map((i) => i.id));
      cursor = res.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(5);
  });

  it('answers a made-up page link with 400, not a database error', async () => {
    const hotline = await buildHotline(app);
    const { call } = await staff(hotline.id);
    const cursor = Buffer.from(
      JSON.stringify({ at: 'not a time', id: '00000000-0000-4000-8000-000000000000' }),
    ).toString('base64url');
    for (const url of [`/api/cases?cursor=${cursor}`, `/api/tasks/mine?cursor=${cursor}`]) {
      const res = await call({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.details.fields[0].path).toBe('query.cursor');
    }
  });
});

describe('who may see cases', () => {
  it('analysts, coordinators and partners get nothing; another hotline gets 404, also in lists', async () => {
    const hotline = await buildHotline(app);
    const { call } = await staff(hotline.id);
    const c = await openCase(call, hotline.id);
    const person = (
      await call({ method: 'POST', url: `/api/cases/${c.id}/persons`, payload: minorVictim })
    ).json();
    const urls = [
      `/api/cases/${c.id}`,
      '/api/cases',
      `/api/cases/${c.id}/timeline`,
      '/api/search?q=Jasmine',
      '/api/tasks/mine',
    ];
    for (const role of ['analyst', 'coordinator', 'partner'] as const) {
      const { call: other } = await staff(hotline.id, role);
      for (const url of urls) expect((await other({ method: 'GET', url })).statusCode).toBe(403);
      const write = await other({
        method: 'PUT',
        url: `/api/cases/${c.id}/persons/${person.id}`,
        payload: { version: 1, fullName: 'X' },
      });
      expect(write.statusCode).toBe(403);
    }
    const { call: advocateElsewhere } = await staff((await buildHotline(app)).id);
    expect((await advocateElsewhere({ method: 'GET', url: `/api/cases/${c.id}` })).statusCode).toBe(404);
    expect((await advocateElsewhere({ method: 'GET', url: `/api/cases/${c.id}/timeline` })).statusCode).toBe(
      404,
    );
    expect(
      (await advocateElsewhere({ method: 'POST', url: `/api/cases/${c.id}/notes`, payload: { body: 'x' } }))
        .statusCode,
    ).toBe(404);
    const put = await advocateElsewhere({
      method: 'PUT',
      url: `/api/cases/${c.id}/persons/${person.id}`,
      payload: { version: 1, fullName: 'X' },
    });
    expect(put.statusCode).toBe(404);
    const list = (await advocateElsewhere({ method: 'GET', url: '/api/cases' })).json();
    expect(list.items).toEqual([]);
  });

  it('the supervisor view lists overdue tasks; advocates cannot reach it', async () => {
    const hotline = await buildHotline(app);
    const { call } = await staff(hotline.id);
    const { call: boss } = await staff(hotline.id, 'supervisor');
    const c = await openCase(call, hotline.id);
    await call({
      method: 'POST',
      url: `/api/cases/${c.id}/tasks`,
      payload: { title: 'Late', dueAt: '2020-01-01T00:00:00Z' },
    });
    expect((await call({ method: 'GET', url: '/api/supervisor/overdue-tasks' })).statusCode).toBe(403);
    const overdue = (await boss({ method: 'GET', url: '/api/supervisor/overdue-tasks' })).json();
    expect(overdue.items).toMatchObject([{ title: 'Late', overdue: true, caseId: c.id }]);
    const unassigned = (await boss({ method: 'GET', url: '/api/cases?status=open&assignee=none' })).json();
    expect(unassigned.items).toEqual([]);
    const mine = (await call({ method: 'GET', url: '/api/cases?assignee=me&limit=1' })).json();
    expect(mine.items).toHaveLength(1);
  });
});
