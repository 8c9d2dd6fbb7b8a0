import { defineRoute, type AnyRoute } from '../../platform/http/route';
import { linkagePolicies as policies } from './policy';
import {
  clusterLinks,
  decideReviewItem,
  explainPair,
  listReviewQueue,
  reviewDetail,
  undoLink,
} from './review';
import {
  ClusterLinks,
  ClusterOutcome,
  ExplainQuery,
  IdParams,
  PairExplanation,
  RecordParams,
  ReviewDetail,
  ReviewList,
  ReviewQuery,
} from './schema';

export const linkageRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/linkage/review',
    summary: 'Pairs that may be the same person, business or caller, waiting for a decision',
    tags: ['linkage'],
    policy: policies.review,
    audit: { kind: 'auto', action: 'linkage.review_list', subjectType: 'linkage_review_item' },
    query: ReviewQuery,
    response: ReviewList,
    handler: async ({ query, actor, trx }) => ({
      items: await listReviewQueue(trx, actor.hotlineId, query.entityType, query.limit),
    }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/linkage/review/:id',
    summary: 'One pair to review, with why the model thinks what it thinks',
    tags: ['linkage'],
    policy: policies.review,
    audit: {
      kind: 'auto',
      action: 'linkage.review_read',
      subjectType: 'linkage_review_item',
      subjectId: ({ params }) => params.id,
    },
    params: IdParams,
    response: ReviewDetail,
    handler: async ({ params, actor, trx }) => reviewDetail(trx, actor.hotlineId, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/linkage/review/:id/confirm',
    summary: 'They are the same: link them (later runs keep the link)',
    tags: ['linkage'],
    policy: policies.review,
    audit: { kind: 'service' },
    params: IdParams,
    response: ClusterOutcome,
    handler: async ({ params, actor, trx, who }) => ({
      clusterIds: await decideReviewItem(trx, { ...who, hotlineId: actor.hotlineId }, params.id, 'confirm'),
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/linkage/review/:id/reject',
    summary: 'They are different: never link them (later runs respect it)',
    tags: ['linkage'],
    policy: policies.review,
    audit: { kind: 'service' },
    params: IdParams,
    response: ClusterOutcome,
    handler: async ({ params, actor, trx, who }) => ({
      clusterIds: await decideReviewItem(trx, { ...who, hotlineId: actor.hotlineId }, params.id, 'reject'),
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/linkage/links/:id/undo',
    summary: 'Undo a link: the records separate and the pair is marked as different',
    tags: ['linkage'],
    policy: policies.review,
    audit: { kind: 'service' },
    params: IdParams,
    response: ClusterOutcome,
    handler: async ({ params, actor, trx, who }) => ({
      clusterIds: await undoLink(trx, { ...who, hotlineId: actor.hotlineId }, params.id),
    }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/linkage/explain',
    summary: 'Why two records are or are not thought to be one: the weight each field added or removed',
    tags: ['linkage'],
    policy: policies.review,
    audit: {
      kind: 'auto',
      action: 'linkage.explain',
      subjectType: 'linkage_pair',
      subjectId: ({ result }) => `${result.recordA.id}:${result.recordB.id}`,
    },
    query: ExplainQuery,
    response: PairExplanation,
    handler: async ({ query, actor, trx }) =>
      explainPair(trx, actor.hotlineId, query.entityType, query.a, query.b),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/linkage/:entityType/:id/links',
    summary: "The links holding a record's cluster together",
    tags: ['linkage'],
    policy: policies.review,
    audit: {
      kind: 'auto',
      action: 'linkage.cluster_read',
      subjectType: 'linkage_cluster',
      subjectId: ({ params }) => params.id,
    },
    params: RecordParams,
    response: ClusterLinks,
    handler: async ({ params, actor, trx }) => ({
      links: await clusterLinks(trx, actor.hotlineId, params.entityType, params.id),
    }),
  }),
];
