import { signedIn } from '../../platform/http/policy';
import { defineRoute, type AnyRoute } from '../../platform/http/route';
import { AuditPage, AuditQuery } from './schema';
import { listAuditEvents } from './store';

export const auditPolicies = {
  read: signedIn('audit.read', ['admin']),
} as const;

export const auditRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/audit',
    summary: 'The audit trail of this hotline: who did what, when, from where',
    tags: ['audit'],
    policy: auditPolicies.read,
    audit: { kind: 'auto', action: 'audit.read', subjectType: 'audit' },
    query: AuditQuery,
    response: AuditPage,
    handler: async ({ query, actor, trx }) => listAuditEvents(trx, actor.hotlineId, query),
  }),
];
