import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildHotline, buildUser, signIn, startTestApp, type TestApp } from '../../../test/helpers/app';
import { importRecords, readHsds } from '../directory/import-export';
import { remindUnansweredReferrals } from './reminders';
import { buildCase } from './test-factories';

const SAMPLE = path.join(import.meta.dirname, '..', 'directory', 'fixtures', 'sample.json');
const SHELTER_ORG = '8615f271-0619-555d-a4bc-651991cde7db';
const LEGAL_ORG = 'd6149188-2a4b-5a3b-8266-815a58037e74';

let app: TestApp;
let hotlineId: string;
let advocate: ReturnType<typeof as>;
let shelterPartner: ReturnType<typeof as>;
let legalPartner: ReturnType<typeof as>;
let services: { shelter: string; legal: string };

let admin: ReturnType<typeof as>;
async function partnerFor(organisationId: string) {
  const user = await buildUser(app, { role: 'partner', hotlineId });
  const linked = await admin({
    method: 'PUT',
    url: `/api/partner-accounts/${user.id}`,
    payload: { organizationId: organisationId },
  });
  expect(linked.statusCode).toBe(200);
  return as(app, await signIn(app, user));
}

beforeAll(async () => {
  app = await startTestApp();
  await app.database.db.transaction().execute((trx) => importRecords(trx, readHsds(SAMPLE)));
  const rows = await app.database.db
    .selectFrom('directory_service_index')
    .select(['service_id', 'name'])
    .execute();
  services = {
    shelter: rows.find((r) => r.name === 'Emergency shelter for survivors')!.service_id,
    legal: rows.find((r) => r.name === 'Immigration and criminal record relief')!.service_id,
  };
  hotlineId = (await buildHotline(app)).id;
  advocate = as(app, await signIn(app, await buildUser(app, { role: 'advocate', hotlineId })));
  admin = as(app, await signIn(app, await buildUser(app, { role: 'admin', hotlineId })));
  shelterPartner = await partnerFor(SHELTER_ORG);
  legalPartner = await partnerFor(LEGAL_ORG);
});
afterAll(async () => app?.close());

async function refer(serviceIds: string[], sharedFields: string[], respondWithinHours = 72) {
  const kase = await buildCase(app.database.db, {
    hotlineId,
    states: ['MS'],
    victims: [
      { givenName: 'Rosa', familyName: 'Example', ageYears: 24, languages: ['es'], phones: ['+16015550123'] },
    ],
  });
  const res = await advocate({
    method: 'POST',
    url: `/api/cases/${kase.id}/referrals`,
    payload: {
      personId: kase.victimIds[0],
      serviceIds,
      consent: { method: 'verbal' },
      sharedFields,
      message: 'Prefers a call in Spanish after 6 pm.',
      respondWithinHours,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return {
    kase,
    referrals: res.json<{ referrals: Array<{ id: string; serviceId: string; status: string }> }>().referrals,
  };
}

describe('referrals', () => {
  it('a partner sees only its own referral, with only the shared fields, and accepts then completes it', async () => {
    const { kase, referrals } = await refer([services.shelter, services.legal], ['given_name', 'languages']);
    const toShelter = referrals.find((r) => r.serviceId === services.shelter)!;
    const toLegal = referrals.find((r) => r.serviceId === services.legal)!;

    const inbox = (await shelterPartner({ method: 'GET', url: '/api/partner/referrals' })).json().referrals;
    expect(inbox.map((r: { id: string }) => r.id)).toEqual([toShelter.id]);
    const one = await shelterPartner({ method: 'GET', url: `/api/partner/referrals/${toShelter.id}` });
    expect(one.statusCode).toBe(200);
    expect(one.json().shared).toEqual({
      given_name: 'Rosa',
      languages: ['es'],
      message: 'Prefers a call in Spanish after 6 pm.',
    });
    expect(one.body).not.toContain('Example'); // the family name was not agreed
    expect(one.body).not.toContain('5550123');
    expect(one.body).not.toContain(kase.id);

    // Another organisation's referral does not exist for this partner.
    expect(
      (await shelterPartner({ method: 'GET', url: `/api/partner/referrals/${toLegal.id}` })).statusCode,
    ).toBe(404);
    expect(
      (await shelterPartner({ method: 'POST', url: `/api/partner/referrals/${toLegal.id}/accept` }))
        .statusCode,
    ).toBe(404);
    // Partners cannot reach the case side.
    expect((await shelterPartner({ method: 'GET', url: `/api/cases/${kase.id}/referrals` })).statusCode).toBe(
      403,
    );

    expect(
      (await shelterPartner({ method: 'POST', url: `/api/partner/referrals/${toShelter.id}/complete` }))
        .statusCode,
    ).toBe(409);
    const accepted = await shelterPartner({
      method: 'POST',
      url: `/api/partner/referrals/${toShelter.id}/accept`,
    });
    expect(accepted.json().status).toBe('accepted');
    const completed = await shelterPartner({
      method: 'POST',
      url: `/api/partner/referrals/${toShelter.id}/complete`,
    });
    expect(completed.json().status).toBe('completed');

    const declined = await legalPartner({
      method: 'POST',
      url: `/api/partner/referrals/${toLegal.id}/decline`,
      payload: { reason: 'No capacity this month' },
    });
    expect(declined.json()).toMatchObject({ status: 'declined', declineReason: 'No capacity this month' });

    const onCase = (await advocate({ method: 'GET', url: `/api/cases/${kase.id}/referrals` })).json()
      .referrals;
    expect(onCase.map((r: { status: string }) => r.status).sort()).toEqual(['completed', 'declined']);
    const timeline = (
      await advocate({ method: 'GET', url: `/api/cases/${kase.id}/referral-timeline` })
    ).json().entries;
    expect(timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'referral.sent',
      'referral.sent',
      'referral.accepted',
      'referral.completed',
      'referral.declined',
    ]);
    const audit = await app.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', toShelter.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['referral.sent', 'referral.accepted', 'referral.completed']),
    );
  });

  it('a revoked referral withdraws what was shared', async () => {
    const { referrals } = await refer([services.shelter], ['given_name']);
    const revoked = await advocate({
      method: 'POST',
      url: `/api/referrals/${referrals[0]!.id}/revoke`,
      payload: { reason: 'Consent withdrawn' },
    });
    expect(revoked.json().status).toBe('revoked');
    const seen = (
      await shelterPartner({ method: 'GET', url: `/api/partner/referrals/${referrals[0]!.id}` })
    ).json();
    expect(seen).toMatchObject({ status: 'revoked', shared: {}, sharedFields: [] });
    expect(
      (await shelterPartner({ method: 'POST', url: `/api/partner/referrals/${referrals[0]!.id}/accept` }))
        .statusCode,
    ).toBe(409);
  });

  it('no answer by the deadline raises one reminder: a task, a timeline entry and an audit row', async () => {
    const { kase, referrals } = await refer([services.legal], []);
    const later = new Date(Date.now() + 2 * 3_600_000);
    expect(await remindUnansweredReferrals(app.database.db, new Date())).toBe(0);
    await app.database.db
      .updateTable('referrals')
      .set({ respond_by: new Date(Date.now() - 60_000) })
      .where('id', '=', referrals[0]!.id)
      .execute();
    expect(await remindUnansweredReferrals(app.database.db, later)).toBeGreaterThanOrEqual(1);
    expect(await remindUnansweredReferrals(app.database.db, later)).toBe(0);
    const tasks = await app.database.db
      .selectFrom('tasks')
      .select('title')
      .where('case_id', '=', kase.id)
      .execute();
    expect(tasks).toHaveLength(1);
    const timeline = (
      await advocate({ method: 'GET', url: `/api/cases/${kase.id}/referral-timeline` })
    ).json().entries;
    expect(timeline.map((e: { kind: string }) => e.kind)).toContain('referral.reminder');
  });

  it('only an admin links a partner account, to an organisation that is in the directory', async () => {
    const partner = await buildUser(app, { role: 'partner', hotlineId });
    const unknown = await admin({
      method: 'PUT',
      url: `/api/partner-accounts/${partner.id}`,
      payload: { organizationId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknown.statusCode).toBe(400);
    const byAdvocate = await advocate({
      method: 'PUT',
      url: `/api/partner-accounts/${partner.id}`,
      payload: { organizationId: SHELTER_ORG },
    });
    expect(byAdvocate.statusCode).toBe(403);
    const unlinked = as(app, await signIn(app, partner));
    expect((await unlinked({ method: 'GET', url: '/api/partner/referrals' })).json().referrals).toEqual([]);
  });

  it('refuses a person who is not a victim on the case, and a service not in the directory', async () => {
    const kase = await buildCase(app.database.db, { hotlineId, states: ['MS'], victims: [{ ageYears: 30 }] });
    const other = await buildCase(app.database.db, { hotlineId, victims: [{ ageYears: 30 }] });
    const wrongPerson = await advocate({
      method: 'POST',
      url: `/api/cases/${kase.id}/referrals`,
      payload: {
        personId: other.victimIds[0],
        serviceIds: [services.shelter],
        consent: { method: 'verbal' },
        sharedFields: [],
      },
    });
    expect(wrongPerson.statusCode).toBe(400);
    const wrongService = await advocate({
      method: 'POST',
      url: `/api/cases/${kase.id}/referrals`,
      payload: {
        personId: kase.victimIds[0],
        serviceIds: ['nope'],
        consent: { method: 'verbal' },
        sharedFields: [],
      },
    });
    expect(wrongService.statusCode).toBe(400);
    const otherHotline = await buildCase(app.database.db, {
      hotlineId: (await buildHotline(app)).id,
      victims: [{}],
    });
    expect(
      (await advocate({ method: 'GET', url: `/api/cases/${otherHotline.id}/referrals` })).json().referrals,
    ).toEqual([]);
  });
});
