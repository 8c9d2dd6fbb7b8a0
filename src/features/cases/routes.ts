/** Cases: open, read, list, change. The parts of a case (people, places, notes, tasks) are in routes-parts.ts. */
import { defineRoute, type AnyRoute } from '../../platform/http/route';
import { canCloseCase } from './close-guards';
import { listCases, listTasks } from './lists';
import { attachSignal, openCase } from './open-case';
import { casePolicies as policies } from './policy';
import { readCase } from './read-case';
import {
  Assignees,
  Attached,
  CaseDetail,
  CaseList,
  CloseCheckResponse,
  Opened,
  Saved,
  StatusSaved,
  TaskList,
  Timeline,
} from './responses';
import { caseParts } from './routes-parts';
import {
  AssignCaseBody,
  AttachSignalBody,
  CaseListQuery,
  ChangeStatusBody,
  IdParams,
  OpenCaseBody,
  PageQuery,
  UpdateCaseBody,
} from './schema';
import * as store from './store';
import { timeline } from './timeline';
import { assignCase, changeStatus, updateCaseFields } from './update-case';
import { notFound } from '../../platform/errors';

const tags = ['cases'];

export const caseRoutes: AnyRoute[] = [
  defineRoute({
    method: 'POST',
    url: '/api/cases',
    summary: 'Open a case from a signal',
    tags,
    policy: policies.work,
    audit: { kind: 'auto', action: 'case.opened', subjectType: 'case' },
    body: OpenCaseBody,
    response: Opened,
    successStatus: 201,
    handler: async ({ body, actor, trx }) => openCase(trx, actor, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/cases',
    summary: 'Cases, newest first, filtered by status, type, state and assignee (keyset pages)',
    tags,
    policy: policies.work,
    audit: { kind: 'service' },
    query: CaseListQuery,
    response: CaseList,
    handler: async ({ query, actor, who, trx }) => listCases(trx, actor, who, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/cases/:id',
    summary: 'One case with its people, places, tasks, signals and the latest of its timeline',
    tags,
    policy: policies.work,
    audit: { kind: 'auto', action: 'case.read', subjectType: 'case' },
    params: IdParams,
    response: CaseDetail,
    handler: async ({ params, actor, trx }) => readCase(trx, actor.hotlineId, params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/cases/:id/timeline',
    summary: 'More of a case’s timeline (keyset pages)',
    tags,
    policy: policies.work,
    audit: { kind: 'auto', action: 'case.timeline_read', subjectType: 'case' },
    params: IdParams,
    query: PageQuery,
    response: Timeline,
    handler: async ({ params, query, actor, trx }) => {
      if (!(await store.findCase(trx, actor.hotlineId, params.id))) throw notFound('case');
      return timeline(trx, actor.hotlineId, params.id, query);
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/cases/:id',
    summary: 'Change a case’s summary, type, indicator level or means of control (409 if someone was first)',
    tags,
    policy: policies.work,
    audit: { kind: 'auto', action: 'case.updated', subjectType: 'case' },
    params: IdParams,
    body: UpdateCaseBody,
    response: Saved,
    handler: async ({ params, body, actor, trx }) => updateCaseFields(trx, actor, params.id, body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/cases/:id/status',
    summary: 'Move a case through its workflow; closing needs a reason and passes the close guards',
    tags,
    policy: policies.work,
    audit: { kind: 'auto', action: 'case.status_changed', subjectType: 'case' },
    params: IdParams,
    body: ChangeStatusBody,
    response: StatusSaved,
    handler: async ({ params, body, actor, trx }) => changeStatus(trx, actor, params.id, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/cases/:id/close-check',
    summary: 'Whether the case may close now, and what stops it',
    tags,
    policy: policies.work,
    audit: { kind: 'auto', action: 'case.close_checked', subjectType: 'case' },
    params: IdParams,
    response: CloseCheckResponse,
    handler: async ({ params, actor, trx }) => {
      if (!(await store.findCase(trx, actor.hotlineId, params.id))) throw notFound('case');
      return canCloseCase(trx, { hotlineId: actor.hotlineId, caseId: params.id });
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/cases/:id/assign',
    summary: 'Assign a case to an advocate (or unassign it)',
    tags,
    policy: policies.work,
    audit: { kind: 'auto', action: 'case.assigned', subjectType: 'case' },
    params: IdParams,
    body: AssignCaseBody,
    response: StatusSaved,
    handler: async ({ params, body, actor, trx }) => assignCase(trx, actor, params.id, body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/cases/:id/signals',
    summary: 'Attach another signal to the case',
    tags,
    policy: policies.work,
    audit: { kind: 'auto', action: 'case.signal_attached', subjectType: 'case' },
    params: IdParams,
    body: AttachSignalBody,
    response: Attached,
    handler: async ({ params, body, actor, trx }) => attachSignal(trx, actor, params.id, body.signalId),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/tasks/mine',
    summary: 'My open tasks by due date (keyset pages)',
    tags,
    policy: policies.work,
    audit: { kind: 'service' },
    query: PageQuery,
    response: TaskList,
    handler: async ({ query, actor, who, trx }) => listTasks(trx, actor, who, { scope: 'mine', ...query }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/supervisor/overdue-tasks',
    summary: 'Every overdue task of the hotline, oldest due first (keyset pages)',
    tags,
    policy: policies.supervise,
    audit: { kind: 'service' },
    query: PageQuery,
    response: TaskList,
    handler: async ({ query, actor, who, trx }) => listTasks(trx, actor, who, { scope: 'overdue', ...query }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/cases/assignees',
    summary: 'Who cases and tasks can be assigned to',
    tags,
    policy: policies.work,
    audit: { kind: 'not-personal', reason: 'names of the hotline’s own staff' },
    response: Assignees,
    handler: async ({ actor, trx }) => ({
      items: (await store.assignees(trx, actor.hotlineId)).map((u) => ({
        id: u.id,
        displayName: u.display_name,
        role: u.role,
      })),
    }),
  }),
  ...caseParts,
];
