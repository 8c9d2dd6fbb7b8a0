/**
 * The partner organisation's side: its users see only the referrals sent to it, with only what was
 * shared, and accept, decline (with a reason) or complete them. Anything else is not found.
 */
import { recordAudit, type AuditActor } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import type { Queryable } from '../../platform/db/transaction';
import { conflict, notFound } from '../../platform/errors';
import type { z } from 'zod';
import type { PartnerReferral } from './schema';
import * as store from './store';
import type { ReferralStatus } from './tables';
import { addToTimeline } from './timeline';

function present(r: store.ReferralRow): z.infer<typeof PartnerReferral> {
  // A revoked referral keeps its place in the inbox, but what was shared is withdrawn.
  const revoked = r.status === 'revoked';
  return {
    id: r.id,
    serviceName: r.service_name,
    status: r.status,
    sharedFields: revoked ? [] : r.shared_fields,
    shared: revoked ? {} : (r.shared as Record<string, unknown>),
    respondBy: r.respond_by.toISOString(),
    declineReason: r.decline_reason,
    createdAt: r.created_at.toISOString(),
  };
}

const organisationOf = (actor: Actor): string => {
  if (!actor.partnerOrganisationId) throw notFound('referral');
  return actor.partnerOrganisationId;
};

export async function inbox(q: Queryable, actor: Actor) {
  if (!actor.partnerOrganisationId) return [];
  return (await store.partnerReferrals(q, actor.hotlineId, actor.partnerOrganisationId)).map(present);
}

export async function partnerReferral(q: Queryable, actor: Actor, id: string) {
  const r = await store.findPartnerReferral(q, actor.hotlineId, organisationOf(actor), id);
  if (!r) throw notFound('referral');
  return present(r);
}

type Answer = { kind: 'accept' } | { kind: 'decline'; reason: string } | { kind: 'complete' };

const MOVES: Record<Answer['kind'], { from: ReferralStatus[]; to: ReferralStatus; event: string }> = {
  accept: { from: ['sent'], to: 'accepted', event: 'referral.accepted' },
  decline: { from: ['sent'], to: 'declined', event: 'referral.declined' },
  complete: { from: ['accepted'], to: 'completed', event: 'referral.completed' },
};

export async function answerReferral(
  q: Queryable,
  who: AuditActor,
  actor: Actor,
  id: string,
  answer: Answer,
) {
  const r = await store.findPartnerReferral(q, actor.hotlineId, organisationOf(actor), id);
  if (!r) throw notFound('referral');
  const move = MOVES[answer.kind];
  const now = new Date();
  const moved = await store.transition(q, id, move.from, {
    status: move.to,
    ...(answer.kind === 'decline' ? { decline_reason: answer.reason } : {}),
    ...(answer.kind === 'complete'
      ? { completed_at: now }
      : { responded_at: now, responded_by: actor.userId }),
  });
  if (!moved) throw conflict(`This referral is ${r.status}; it cannot be ${move.to} now.`);
  await addToTimeline(q, actor.hotlineId, who, {
    caseId: r.case_id,
    subjectType: 'referral',
    subjectId: id,
    kind: move.event,
  });
  await recordAudit(q, who, { action: move.event, subjectType: 'referral', subjectId: id });
  return present((await store.findPartnerReferral(q, actor.hotlineId, organisationOf(actor), id))!);
}
