import { defineRoute, type AnyRoute } from '../../platform/http/route';
import { casePolicies } from '../cases/policy';
import { SearchQuery, SearchResult } from './schema';
import { search } from './search';

export const searchRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/search',
    summary: 'Search cases, people and businesses: names and addresses (fuzzy), phone, email, case reference',
    tags: ['cases'],
    policy: casePolicies.work,
    audit: { kind: 'service' },
    query: SearchQuery,
    response: SearchResult,
    handler: async ({ query, actor, who, trx }) => search(trx, actor, who, query),
  }),
];
