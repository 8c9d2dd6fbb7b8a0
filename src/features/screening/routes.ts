import { defineRoute, type AnyRoute } from '../../platform/http/route';
import { checklistFor } from './checklists';
import { screeningPolicies as policies } from './policy';
import {
  AssignSignalBody,
  ChecklistQuery,
  ChecklistResponse,
  Ok,
  Screening,
  ScreeningBody,
  SignalDetail,
  SignalIdParams,
  SignalList,
  SignalListQuery,
} from './schema';
import { assignSignal, screenSignal } from './screen-signal';
import { listSignalsForTriage, readSignal } from './signals';
import { z } from 'zod';

export const screeningRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/screening/checklist',
    summary: 'The screening checklist: the current version, or a stored one by version',
    tags: ['screening'],
    policy: policies.triage,
    audit: { kind: 'not-personal', reason: 'the questions, not anyone’s answers' },
    query: ChecklistQuery,
    response: ChecklistResponse,
    handler: async ({ query, actor, trx }) => checklistFor(trx, actor.hotlineId, query.version),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/screening/signals',
    summary: 'Signals to triage, newest first (keyset pages)',
    tags: ['screening'],
    policy: policies.triage,
    audit: { kind: 'service' },
    query: SignalListQuery,
    response: SignalList,
    handler: async ({ query, actor, who, trx }) => listSignalsForTriage(trx, who, actor.hotlineId, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/screening/signals/:id',
    summary: 'One signal: what was said, its latest screening and its cases',
    tags: ['screening'],
    policy: policies.triage,
    audit: { kind: 'auto', action: 'signal.read', subjectType: 'signal' },
    params: SignalIdParams,
    response: SignalDetail,
    handler: async ({ params, actor, trx }) => readSignal(trx, actor.hotlineId, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/screening/signals/:id/screenings',
    summary: 'Save a screening: answers, the suggestion and the advocate’s decision',
    tags: ['screening'],
    policy: policies.triage,
    audit: { kind: 'service' },
    params: SignalIdParams,
    body: ScreeningBody,
    response: Screening.extend({ signalVersion: z.number() }),
    successStatus: 201,
    handler: async ({ params, body, actor, who, trx }) => screenSignal(trx, actor, who, params.id, body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/screening/signals/:id/assign',
    summary: 'Assign a signal to an advocate (or unassign it)',
    tags: ['screening'],
    policy: policies.triage,
    audit: { kind: 'auto', action: 'signal.assigned', subjectType: 'signal' },
    params: SignalIdParams,
    body: AssignSignalBody,
    response: Ok,
    handler: async ({ params, body, actor, trx }) => assignSignal(trx, actor, params.id, body),
  }),
];
