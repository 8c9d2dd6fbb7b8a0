import { signedIn } from '../../platform/http/policy';
import { defineRoute, type AnyRoute } from '../../platform/http/route';
import { CaseParams } from '../mandatory-reports/schema';
import { matchServicesForCase } from './match';
import { CaseMatches, CaseMatchQuery, SearchQuery, ServiceList } from './schema';
import { searchServices } from './search';

const policies = {
  search: signedIn('directory.search', ['advocate', 'supervisor', 'admin', 'coordinator']),
  matchCase: signedIn('directory.match-case', ['advocate', 'supervisor', 'admin']),
} as const;

export const directoryRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/directory/services',
    summary: 'Search the service directory by state, county, need, language and age',
    tags: ['directory'],
    policy: policies.search,
    audit: { kind: 'not-personal', reason: 'the directory holds public information about organisations' },
    query: SearchQuery,
    response: ServiceList,
    handler: async ({ trx, query }) => ({ services: await searchServices(trx, { ...query, limit: 100 }) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/cases/:caseId/service-matches',
    summary: "Services that fit a case: its location, the victim's language and age, and a need",
    tags: ['directory'],
    policy: policies.matchCase,
    audit: {
      kind: 'auto',
      action: 'directory.matched_case',
      subjectType: 'case',
      subjectId: ({ params }) => params.caseId,
    },
    params: CaseParams,
    query: CaseMatchQuery,
    response: CaseMatches,
    handler: async ({ trx, actor, params, query }) =>
      matchServicesForCase(trx, actor.hotlineId, params.caseId, query),
  }),
];
