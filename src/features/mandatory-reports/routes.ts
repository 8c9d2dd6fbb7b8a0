import { z } from 'zod';
import { notFound } from '../../platform/errors';
import { defineRoute, type AnyRoute } from '../../platform/http/route';
import { reportPolicies as policies } from './policy';
import { renderPrintSummary } from './print';
import {
  CaseParams,
  ConsentBody,
  ConsentParams,
  DueQuery,
  FileBody,
  ReportParams,
  RequiredReport,
  RequiredReportList,
  WaiveBody,
} from './schema';
import {
  checkReportsOfCase,
  dueList,
  fileReport,
  reportsOfCase,
  setLawEnforcementConsent,
  waiveReport,
} from './service';

export const mandatoryReportRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/cases/:caseId/required-reports',
    summary: "A case's required reports, as raised when its facts changed",
    tags: ['required-reports'],
    policy: policies.work,
    audit: {
      kind: 'auto',
      action: 'required_reports.read',
      subjectType: 'case',
      subjectId: ({ params }) => params.caseId,
    },
    params: CaseParams,
    response: RequiredReportList,
    handler: async ({ trx, actor, params }) => ({ reports: await reportsOfCase(trx, actor, params.caseId) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/cases/:caseId/required-reports/check',
    summary: "Raise the reports a case's facts call for now, then list the case's reports",
    tags: ['required-reports'],
    policy: policies.work,
    audit: {
      kind: 'auto',
      action: 'required_reports.checked',
      subjectType: 'case',
      subjectId: ({ params }) => params.caseId,
    },
    params: CaseParams,
    response: RequiredReportList,
    handler: async ({ trx, who, actor, params }) => ({
      reports: await checkReportsOfCase(trx, who, actor, params.caseId),
    }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/cases/:caseId/required-reports/print',
    summary: 'A printable summary of what was reported for a case',
    tags: ['required-reports'],
    policy: policies.work,
    audit: {
      kind: 'auto',
      action: 'required_reports.printed',
      subjectType: 'case',
      subjectId: ({ params }) => params.caseId,
    },
    params: CaseParams,
    response: 'raw',
    handler: async ({ trx, actor, params, reply }) => {
      const reports = await reportsOfCase(trx, actor, params.caseId);
      const kase = await trx
        .selectFrom('cases')
        .select('reference_code')
        .where('hotline_id', '=', actor.hotlineId)
        .where('id', '=', params.caseId)
        .executeTakeFirst();
      if (!kase) throw notFound('case');
      return reply
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(renderPrintSummary(kase.reference_code, reports));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/required-reports',
    summary: 'Required reports due (or overdue) across the hotline',
    tags: ['required-reports'],
    policy: policies.supervise,
    audit: { kind: 'auto', action: 'required_reports.listed', subjectType: 'hotline' },
    query: DueQuery,
    response: RequiredReportList,
    handler: async ({ trx, actor, query }) => ({ reports: await dueList(trx, actor, query.view) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/required-reports/:id/file',
    summary: 'Record that a required report was made: when, how, to whom, reference number',
    tags: ['required-reports'],
    policy: policies.work,
    audit: { kind: 'service' },
    params: ReportParams,
    body: FileBody,
    response: RequiredReport,
    handler: async ({ trx, who, actor, params, body }) => fileReport(trx, who, actor, params.id, body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/required-reports/:id/waive',
    summary: 'Waive a required report, with the reason (supervisors)',
    tags: ['required-reports'],
    policy: policies.supervise,
    audit: { kind: 'service' },
    params: ReportParams,
    body: WaiveBody,
    response: RequiredReport,
    handler: async ({ trx, who, actor, params, body }) => waiveReport(trx, who, actor, params.id, body),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/cases/:caseId/persons/:personId/law-enforcement-consent',
    summary: "Record an adult victim's decision about telling law enforcement",
    tags: ['required-reports'],
    policy: policies.work,
    audit: { kind: 'service' },
    params: ConsentParams,
    body: ConsentBody,
    response: z.object({ ok: z.literal(true) }),
    handler: async ({ trx, who, actor, params, body }) =>
      setLawEnforcementConsent(trx, who, actor, params.caseId, params.personId, body.consents),
  }),
];
