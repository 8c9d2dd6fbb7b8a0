/**
 * Referrals from a case: an advocate refers a victim to one or more services with the person's
 * consent and a list of exactly what may be shared; the snapshot of those values is all the partner sees.
 */
import { recordAudit, type AuditActor } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import type { Queryable } from '../../platform/db/transaction';
import { conflict, notFound, validationFailed } from '../../platform/errors';
import type { z } from 'zod';
import type { CreateReferralBody, Referral, ShareableField } from './schema';
import * as store from './store';
import { addToTimeline } from './timeline';

const HOUR = 3_600_000;

export function present(r: store.ReferralRow): Referral {
  return {
    id: r.id,
    caseId: r.case_id,
    personId: r.person_id,
    serviceId: r.service_id,
    serviceName: r.service_name,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    status: r.status,
    consentMethod: r.consent_method,
    consentRecordedAt: r.consent_recorded_at.toISOString(),
    sharedFields: r.shared_fields,
    respondBy: r.respond_by.toISOString(),
    remindedAt: r.reminded_at?.toISOString() ?? null,
    declineReason: r.decline_reason,
    revokeReason: r.revoke_reason,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** The values of the agreed fields, read now: later edits to the case do not reach the partner. */
async function snapshot(
  q: Queryable,
  hotlineId: string,
  caseId: string,
  personId: string,
  fields: ShareableField[],
) {
  const person = await q
    .selectFrom('case_persons as cp')
    .innerJoin('persons as p', 'p.id', 'cp.person_id')
    .innerJoin('cases as c', 'c.id', 'cp.case_id')
    .select([
      'p.given_name',
      'p.family_name',
      'p.age_years',
      'p.gender',
      'p.languages',
      'p.phones',
      'p.emails',
      'p.nationality',
      'c.summary',
      'c.trafficking_type',
    ])
    .where('cp.hotline_id', '=', hotlineId)
    .where('cp.case_id', '=', caseId)
    .where('cp.person_id', '=', personId)
    .where('cp.role', '=', 'victim')
    .executeTakeFirst();
  if (!person) return undefined;
  const state = await q
    .selectFrom('locations')
    .select('state')
    .where('hotline_id', '=', hotlineId)
    .where('case_id', '=', caseId)
    .where('state', 'is not', null)
    .orderBy('created_at')
    .executeTakeFirst();
  const all: Record<ShareableField, unknown> = {
    given_name: person.given_name,
    family_name: person.family_name,
    age: person.age_years,
    gender: person.gender,
    languages: person.languages,
    phones: person.phones,
    emails: person.emails,
    nationality: person.nationality,
    case_summary: person.summary,
    trafficking_type: person.trafficking_type,
    location_state: state?.state ?? null,
  };
  return Object.fromEntries(fields.map((f) => [f, all[f]]));
}

export async function createReferrals(
  q: Queryable,
  who: AuditActor,
  actor: Actor,
  caseId: string,
  body: z.infer<typeof CreateReferralBody>,
  now = new Date(),
): Promise<Referral[]> {
  const kase = await q
    .selectFrom('cases')
    .select(['id', 'status'])
    .where('hotline_id', '=', actor.hotlineId)
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!kase) throw notFound('case');
  if (kase.status === 'closed') throw conflict('This case is closed.');
  const fields = [...new Set(body.sharedFields)];
  const shared = await snapshot(q, actor.hotlineId, caseId, body.personId, fields);
  if (!shared) throw validationFailed([{ path: 'body.personId', message: 'Not a victim on this case' }]);
  const message = body.message ? { message: body.message } : {};

  const created: Referral[] = [];
  for (const [i, serviceId] of body.serviceIds.entries()) {
    const service = await q
      .selectFrom('directory_service_index')
      .select(['service_id', 'organization_id', 'status'])
      .where('service_id', '=', serviceId)
      .executeTakeFirst();
    if (!service?.organization_id || service.status !== 'active') {
      throw validationFailed([
        { path: `body.serviceIds.${i}`, message: 'No such active service in the directory' },
      ]);
    }
    const row = await q
      .insertInto('referrals')
      .values({
        hotline_id: actor.hotlineId,
        case_id: caseId,
        person_id: body.personId,
        service_id: serviceId,
        organization_id: service.organization_id,
        consent_method: body.consent.method,
        consent_recorded_at: body.consent.recordedAt ?? now,
        shared_fields: fields,
        shared: JSON.stringify({ ...shared, ...message }),
        respond_by: new Date(now.getTime() + body.respondWithinHours * HOUR),
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addToTimeline(q, actor.hotlineId, who, {
      caseId,
      subjectType: 'referral',
      subjectId: row.id,
      kind: 'referral.sent',
      details: { serviceId, sharedFields: fields, consentMethod: body.consent.method },
    });
    await recordAudit(q, who, {
      action: 'referral.sent',
      subjectType: 'referral',
      subjectId: row.id,
      details: { caseId, serviceId, sharedFields: fields },
    });
    const full = await store.findReferral(q, actor.hotlineId, row.id);
    created.push(present(full!));
  }
  return created;
}

export async function caseReferrals(q: Queryable, actor: Actor, caseId: string) {
  return (await store.referralsForCase(q, actor.hotlineId, caseId)).map(present);
}

export async function revokeReferral(
  q: Queryable,
  who: AuditActor,
  actor: Actor,
  id: string,
  reason: string,
) {
  const r = await store.findReferral(q, actor.hotlineId, id);
  if (!r) throw notFound('referral');
  const moved = await store.transition(q, id, ['sent', 'accepted'], {
    status: 'revoked',
    revoke_reason: reason,
  });
  if (!moved) throw conflict(`This referral is already ${r.status}.`);
  await addToTimeline(q, actor.hotlineId, who, {
    caseId: r.case_id,
    subjectType: 'referral',
    subjectId: id,
    kind: 'referral.revoked',
  });
  await recordAudit(q, who, { action: 'referral.revoked', subjectType: 'referral', subjectId: id });
  return present((await store.findReferral(q, actor.hotlineId, id))!);
}
