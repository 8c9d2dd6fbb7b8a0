import { defineRoute, type AnyRoute } from '../../platform/http/route';
import { CaseParams } from '../mandatory-reports/schema';
import { answerReferral, inbox, partnerReferral } from './partner';
import { referralPolicies as policies } from './policy';
import {
  CreateReferralBody,
  DeclineBody,
  PartnerReferral,
  PartnerReferralList,
  Referral,
  ReferralList,
  ReferralParams,
  RevokeBody,
} from './schema';
import { caseReferrals, createReferrals, revokeReferral } from './service';
import { caseTimeline } from './timeline';
import { z } from 'zod';

export const referralRoutes: AnyRoute[] = [
  defineRoute({
    method: 'POST',
    url: '/api/cases/:caseId/referrals',
    summary: 'Refer a victim to one or more services, with consent and the fields that may be shared',
    tags: ['referrals'],
    policy: policies.refer,
    audit: { kind: 'service' },
    params: CaseParams,
    body: CreateReferralBody,
    response: ReferralList,
    successStatus: 201,
    handler: async ({ trx, who, actor, params, body }) => ({
      referrals: await createReferrals(trx, who, actor, params.caseId, body),
    }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/cases/:caseId/referrals',
    summary: "A case's referrals",
    tags: ['referrals'],
    policy: policies.refer,
    audit: {
      kind: 'auto',
      action: 'referrals.read',
      subjectType: 'case',
      subjectId: ({ params }) => params.caseId,
    },
    params: CaseParams,
    response: ReferralList,
    handler: async ({ trx, actor, params }) => ({
      referrals: await caseReferrals(trx, actor, params.caseId),
    }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/cases/:caseId/referral-timeline',
    summary: "Referral and required-report steps on a case's timeline",
    tags: ['referrals'],
    policy: policies.refer,
    audit: {
      kind: 'auto',
      action: 'referral_timeline.read',
      subjectType: 'case',
      subjectId: ({ params }) => params.caseId,
    },
    params: CaseParams,
    response: z.object({
      entries: z.array(
        z.object({
          at: z.string(),
          subjectType: z.string(),
          subjectId: z.string(),
          kind: z.string(),
          actorLabel: z.string(),
          details: z.record(z.string(), z.unknown()),
        }),
      ),
    }),
    handler: async ({ trx, actor, params }) => ({
      entries: await caseTimeline(trx, actor.hotlineId, params.caseId),
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/referrals/:id/revoke',
    summary: 'Revoke a referral (the partner loses what was shared)',
    tags: ['referrals'],
    policy: policies.refer,
    audit: { kind: 'service' },
    params: ReferralParams,
    body: RevokeBody,
    response: Referral,
    handler: async ({ trx, who, actor, params, body }) =>
      revokeReferral(trx, who, actor, params.id, body.reason),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/partner/referrals',
    summary: "The partner organisation's referral inbox",
    tags: ['referrals'],
    policy: policies.partner,
    audit: { kind: 'auto', action: 'partner_referrals.listed', subjectType: 'organization' },
    response: PartnerReferralList,
    handler: async ({ trx, actor }) => ({ referrals: await inbox(trx, actor) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/partner/referrals/:id',
    summary: 'One referral sent to the partner organisation',
    tags: ['referrals'],
    policy: policies.partner,
    audit: { kind: 'auto', action: 'partner_referral.read', subjectType: 'referral' },
    params: ReferralParams,
    response: PartnerReferral,
    handler: async ({ trx, actor, params }) => partnerReferral(trx, actor, params.id),
  }),
  ...(['accept', 'complete'] as const).map((kind) =>
    defineRoute({
      method: 'POST',
      url: `/api/partner/referrals/:id/${kind}`,
      summary: kind === 'accept' ? 'Accept a referral' : 'Mark an accepted referral as completed',
      tags: ['referrals'],
      policy: policies.partner,
      audit: { kind: 'service' },
      params: ReferralParams,
      response: PartnerReferral,
      handler: async ({ trx, who, actor, params }) => answerReferral(trx, who, actor, params.id, { kind }),
    }),
  ),
  defineRoute({
    method: 'POST',
    url: '/api/partner/referrals/:id/decline',
    summary: 'Decline a referral, with the reason',
    tags: ['referrals'],
    policy: policies.partner,
    audit: { kind: 'service' },
    params: ReferralParams,
    body: DeclineBody,
    response: PartnerReferral,
    handler: async ({ trx, who, actor, params, body }) =>
      answerReferral(trx, who, actor, params.id, { kind: 'decline', reason: body.reason }),
  }),
];
