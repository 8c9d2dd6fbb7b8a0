import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHotline, buildUser, startTestApp, type TestApp } from '../../../test/helpers/app';
import { buildSignal } from '../cases/testing/factories';
import { signInApart } from '../cases/testing/sign-in';
import type { Checklist } from './checklist';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

type Role = 'admin' | 'supervisor' | 'advocate' | 'analyst' | 'coordinator' | 'partner';
async function member(hotlineId: string, role: Role) {
  return signInApart(app, await buildUser(app, { role, hotlineId }));
}

/** The edit the console sends: every current question, as it stands. */
const asEdit = (c: Checklist) =>
  c.questions.map((q) => ({
    id: q.id,
    text: q.text,
    ...(q.help ? { help: q.help } : {}),
    ...(q.hidden ? { hidden: true } : {}),
    ...(q.options ? { options: q.options } : {}),
  }));

const pimp = {
  id: 'recruited_online',
  kind: 'yes_no',
  domain: 'fraud',
  text: { en: 'Was the person recruited online?', es: '¿Se reclutó a la persona en línea?' },
  help: { en: 'Social media, dating apps, job sites.', es: 'Redes sociales, apps de citas, empleo.' },
};

describe('a hotline adapts its screening checklist', () => {
  it('publishes a new version that triage uses from then on, while an old screening keeps its own', async () => {
    const hotline = await buildHotline(app);
    const admin = await member(hotline.id, 'admin');
    const advocate = await member(hotline.id, 'advocate');

    // A screening under the shipped checklist, before the hotline adapts it.
    const oldSignal = await buildSignal(app.database.db, { hotlineId: hotline.id });
    const shipped = (await advocate({ method: 'GET', url: '/api/screening/checklist' })).json<Checklist>();
    expect(shipped.version).toBe('2026.1');
    const old = await advocate({
      method: 'POST',
      url: `/api/screening/signals/${oldSignal.id}/screenings`,
      payload: {
        signalVersion: 1,
        checklistVersion: shipped.version,
        answers: { purpose: 'report', sign_malnutrition: 'yes' },
        decision: {
          category: 'general_information',
          traffickingType: 'not_specified',
          indicatorLevel: 'none',
        },
      },
    });
    expect(old.statusCode).toBe(201);

    const edit = asEdit(shipped).map((q) =>
      q.id === 'danger_now'
        ? {
            ...q,
            text: { en: 'Is anyone in danger right now?', es: '¿Alguien corre peligro ahora mismo?' },
            help: { en: 'Ask before anything else.', es: 'Pregunte antes que nada.' },
          }
        : q,
    );
    const published = await admin({
      method: 'POST',
      url: '/api/screening/checklists',
      payload: {
        basedOn: '2026.1',
        note: 'Plainer danger question; online recruitment',
        questions: [...edit, pimp],
      },
    });
    expect(published.statusCode).toBe(201);
    expect(published.json()).toMatchObject({ version: '2026.1-h1', basedOn: '2026.1' });
    // A second admin who opened the page before that publication cannot overwrite it.
    const late = await admin({
      method: 'POST',
      url: '/api/screening/checklists',
      payload: { basedOn: '2026.1', note: 'Mine', questions: [...edit, { ...pimp, id: 'met_online' }] },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.details).toEqual({ currentVersion: '2026.1-h1' });

    // Triage now gets the new version: the reworded question with its help, and the new one.
    const now = (await advocate({ method: 'GET', url: '/api/screening/checklist' })).json<Checklist>();
    expect(now.version).toBe('2026.1-h1');
    const byId = new Map(now.questions.map((q) => [q.id, q]));
    expect(byId.get('danger_now')).toMatchObject({
      text: { en: 'Is anyone in danger right now?' },
      help: { es: 'Pregunte antes que nada.' },
      effects: ['crisis'],
    });
    expect(byId.get('recruited_online')).toMatchObject({ effects: [], kind: 'yes_no' });

    const signal = await buildSignal(app.database.db, { hotlineId: hotline.id });
    const screening = (answers: Record<string, unknown>) =>
      advocate({
        method: 'POST',
        url: `/api/screening/signals/${signal.id}/screenings`,
        payload: {
          signalVersion: 1,
          checklistVersion: now.version,
          answers,
          decision: { category: 'crisis', traffickingType: 'not_specified', indicatorLevel: 'none' },
        },
      });
    const saved = await screening({ purpose: 'report', danger_now: 'yes', recruited_online: 'yes' });
    expect(saved.statusCode).toBe(201);
    // The reworded question still feeds its rule; the hotline's own question is kept with the answers.
    expect(saved.json()).toMatchObject({
      checklistVersion: '2026.1-h1',
      suggested: { category: 'crisis' },
      answers: { recruited_online: 'yes' },
    });

    // The old screening still names, and reads, the version it was answered under.
    const oldDetail = (
      await advocate({ method: 'GET', url: `/api/screening/signals/${oldSignal.id}` })
    ).json();
    expect(oldDetail.screening.checklistVersion).toBe('2026.1');
    const oldChecklist = (
      await advocate({ method: 'GET', url: '/api/screening/checklist?version=2026.1' })
    ).json<Checklist>();
    expect(oldChecklist.questions.find((q) => q.id === 'danger_now')?.text.en).toBe(
      'Is someone in immediate danger?',
    );
    expect(oldChecklist.questions.some((q) => q.id === 'recruited_online')).toBe(false);

    // The history: the hotline's version is current, the shipped one is still listed.
    const list = (await admin({ method: 'GET', url: '/api/screening/checklists' })).json();
    expect(list.current).toBe('2026.1-h1');
    expect(list.versions.map((v: { version: string; current: boolean }) => [v.version, v.current])).toEqual([
      ['2026.1-h1', true],
      ['2026.1', false],
    ]);
    expect(list.versions[0]).toMatchObject({
      own: true,
      note: 'Plainer danger question; online recruitment',
      publishedBy: expect.any(String),
    });

    // A second version hides the hotline's own question: it gets the next number, and is no
    // longer asked; the first version is unchanged.
    const again = await admin({
      method: 'POST',
      url: '/api/screening/checklists',
      payload: {
        basedOn: '2026.1-h1',
        note: 'Online recruitment is in the fraud questions now',
        questions: asEdit(now).map((q) => (q.id === 'recruited_online' ? { ...q, hidden: true } : q)),
      },
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().version).toBe('2026.1-h2');
    const second = await advocate({ method: 'GET', url: '/api/screening/checklist' });
    expect(second.json().questions.find((q: { id: string }) => q.id === 'recruited_online').hidden).toBe(
      true,
    );
    const first = (
      await advocate({ method: 'GET', url: '/api/screening/checklist?version=2026.1-h1' })
    ).json<Checklist>();
    expect(first.questions.find((q) => q.id === 'recruited_online')?.hidden).toBeUndefined();
    const next = await buildSignal(app.database.db, { hotlineId: hotline.id });
    const hiddenAnswer = await advocate({
      method: 'POST',
      url: `/api/screening/signals/${next.id}/screenings`,
      payload: {
        signalVersion: 1,
        checklistVersion: '2026.1-h2',
        answers: { purpose: 'report', recruited_online: 'yes' },
        decision: { category: 'tip', traffickingType: 'not_specified', indicatorLevel: 'none' },
      },
    });
    expect(hiddenAnswer.statusCode).toBe(400);
    expect(hiddenAnswer.json().error.details.fields[0].path).toBe('body.answers.recruited_online');
    await expect(
      app.database.db
        .updateTable('screening_checklists')
        .set({ note: 'rewritten' })
        .where('version', '=', '2026.1-h1')
        .execute(),
    ).rejects.toThrow(/cannot be changed/);

    const audit = await app.database.db
      .selectFrom('audit_events')
      .select(['action', 'subject_id', 'details'])
      .where('hotline_id', '=', hotline.id)
      .where('action', '=', 'screening.checklist_published')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.subject_id)).toEqual(['2026.1-h1', '2026.1-h2']);
    expect(audit[0]!.details).toMatchObject({
      basedOn: '2026.1',
      added: ['recruited_online'],
      reworded: ['danger_now'],
      hidden: [],
    });
    expect(audit[1]!.details).toMatchObject({ basedOn: '2026.1-h1', hidden: ['recruited_online'] });
  });

  it('refuses to hide, remove or change the answers of a question a suggestion rule reads, naming the rule', async () => {
    const hotline = await buildHotline(app);
    const admin = await member(hotline.id, 'admin');
    const shipped = (await admin({ method: 'GET', url: '/api/screening/checklist' })).json<Checklist>();
    const publish = (questions: unknown[], basedOn = '2026.1') =>
      admin({
        method: 'POST',
        url: '/api/screening/checklists',
        payload: { basedOn, note: 'test', questions },
      });
    const fields = async (res: Awaited<ReturnType<typeof publish>>) => {
      expect(res.statusCode).toBe(400);
      return res.json().error.details.fields as Array<{ path: string; message: string }>;
    };
    const edit = asEdit(shipped);
    const at = (id: string) => edit.findIndex((q) => q.id === id);

    const hidden = await fields(
      await publish(edit.map((q) => (q.id === 'commercial_sex' ? { ...q, hidden: true } : q))),
    );
    expect(hidden).toEqual([
      {
        path: `body.questions.${at('commercial_sex')}.hidden`,
        message: expect.stringMatching(
          /"commercial_sex" feeds the suggestion rules commercial_sex,.*cannot be hidden/,
        ),
      },
    ]);

    const removed = await fields(await publish(edit.filter((q) => q.id !== 'commercial_sex_youngest_age')));
    expect(removed[0]).toMatchObject({
      path: 'body.questions',
      message: expect.stringContaining('minor_in_commercial_sex'),
    });

    const purpose = edit[at('purpose')]!;
    const options = await fields(
      await publish(
        edit.map((q) =>
          q.id === 'purpose' ? { ...q, options: purpose.options!.filter((o) => o.value !== 'training') } : q,
        ),
      ),
    );
    expect(options[0]).toMatchObject({
      path: `body.questions.${at('purpose')}.options`,
      message: expect.stringContaining('training_request'),
    });

    // A choice in the contact domain without answers, and an id the checklist already has.
    const wrong = [
      {
        id: 'language',
        kind: 'choice',
        domain: 'contact',
        text: { en: 'Language', es: 'Idioma' },
        options: [],
      },
      { id: 'threats', text: { en: 'Again', es: 'Otra vez' } },
    ];
    // Zod checks the shape first: an empty wording is refused before anything else.
    const own = await fields(
      await publish([...edit, ...wrong, { id: 'no_kind', text: { en: '', es: 'Sin tipo' } }]),
    );
    const n = edit.length;
    expect(own.map((f) => f.path)).toEqual([`body.questions.${n + 2}.text.en`]);

    const own2 = await fields(
      await publish([
        ...edit,
        ...wrong,
        { id: 'no_kind', text: { en: 'No kind', es: 'Sin tipo' }, help: { en: 'Only English', es: '' } },
      ]),
    );
    expect(own2.map((f) => f.path)).toEqual([
      `body.questions.${n}.domain`,
      `body.questions.${n}.options`,
      `body.questions.${n + 1}.id`,
      `body.questions.${n + 2}.kind`,
      `body.questions.${n + 2}.domain`,
      `body.questions.${n + 2}.help.es`,
    ]);

    expect((await fields(await publish(edit)))[0]!.message).toContain('Nothing changed');
    // Editing a version that is no longer current is a conflict, not a silent overwrite.
    expect((await publish(edit, '2025.9')).statusCode).toBe(409);
    const list = (await admin({ method: 'GET', url: '/api/screening/checklists' })).json();
    expect(list.versions.filter((v: { own: boolean }) => v.own)).toEqual([]);
  });

  it('another hotline never sees a hotline’s version; only admins list and publish', async () => {
    const hotline = await buildHotline(app);
    const admin = await member(hotline.id, 'admin');
    const shipped = (await admin({ method: 'GET', url: '/api/screening/checklist' })).json<Checklist>();
    const res = await admin({
      method: 'POST',
      url: '/api/screening/checklists',
      payload: { basedOn: '2026.1', note: 'Our own', questions: [...asEdit(shipped), pimp] },
    });
    expect(res.statusCode).toBe(201);

    const other = await buildHotline(app);
    const otherAdmin = await member(other.id, 'admin');
    const otherAdvocate = await member(other.id, 'advocate');
    expect(
      (await otherAdvocate({ method: 'GET', url: '/api/screening/checklist?version=2026.1-h1' })).statusCode,
    ).toBe(404);
    expect((await otherAdvocate({ method: 'GET', url: '/api/screening/checklist' })).json().version).toBe(
      '2026.1',
    );
    const theirs = (await otherAdmin({ method: 'GET', url: '/api/screening/checklists' })).json();
    expect(theirs.versions.map((v: { version: string }) => v.version)).toEqual(['2026.1']);
    // A screening of the other hotline cannot name this hotline's version either.
    const signal = await buildSignal(app.database.db, { hotlineId: other.id });
    const foreign = await otherAdvocate({
      method: 'POST',
      url: `/api/screening/signals/${signal.id}/screenings`,
      payload: {
        signalVersion: 1,
        checklistVersion: '2026.1-h1',
        answers: {},
        decision: {
          category: 'general_information',
          traffickingType: 'not_specified',
          indicatorLevel: 'none',
        },
      },
    });
    expect(foreign.statusCode).toBe(404);

    for (const role of ['supervisor', 'advocate', 'analyst', 'coordinator', 'partner'] as const) {
      const call = await member(hotline.id, role);
      expect((await call({ method: 'GET', url: '/api/screening/checklists' })).statusCode).toBe(403);
      const publish = await call({
        method: 'POST',
        url: '/api/screening/checklists',
        payload: { basedOn: '2026.1-h1', note: 'Mine', questions: asEdit(shipped) },
      });
      expect(publish.statusCode).toBe(403);
    }
  });
});
