/** The public report form (/report, /es/report), its JSON twin, and adding information later. */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import { publicAccess } from '../../platform/http/policy';
import { defineRoute, type AnyRoute } from '../../platform/http/route';
import type { Lang } from '../public-site/layout';
import { webformHotline } from './channels';
import { checkFormToken, formKey, issueFormToken } from './keys';
import {
  addPage,
  fieldErrorsFrom,
  notSetUpPage,
  receiptPage,
  reportFormPage,
  type Values,
} from './report-page';
import { AddReceipt, AddToReportBody, ReportBody, ReportReceipt } from './report-schema';
import { intakeSettings } from './settings';
import { addToReport, submitReport, type Receipt } from './webform';
import { inIntakeBatch } from './batch';

const policy = publicAccess('intake.webform', 'anyone may report without an account');
const RATE = { max: intakeSettings.reportRateLimit, timeWindow: '10 minutes' };
const FORM_LIMIT = 64 * 1024;
const FormBody = z.record(z.string(), z.unknown());

type FormOutcome =
  | { kind: 'expired'; token: string }
  | { kind: 'invalid'; issues: Array<{ path: string; message: string }> }
  | { kind: 'received'; receipt: Receipt };

const sendHtml = (reply: FastifyReply, status: number, page: string): FastifyReply =>
  reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);

/** Only the text values of a posted form, to show back to the person. */
const valuesOf = (body: Record<string, unknown>): Values =>
  Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Values;

function issues(err: z.ZodError): Array<{ path: string; message: string }> {
  return err.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message }));
}

function pages(lang: Lang, prefix: string): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: `${prefix}/report`,
      summary: `The report form (${lang})`,
      tags: ['intake'],
      policy,
      audit: { kind: 'not-personal', reason: 'an empty form' },
      response: 'raw',
      handler: async ({ trx, app, reply }) => {
        if (!(await webformHotline(trx))) return sendHtml(reply, 404, notSetUpPage(lang));
        const key = await formKey(trx, app.database);
        return sendHtml(reply, 200, reportFormPage({ lang, token: issueFormToken(key) }));
      },
    }),
    defineRoute({
      method: 'POST',
      url: `${prefix}/report`,
      summary: `Send the report form (${lang}); answers are re-shown with messages when something is missing`,
      tags: ['intake'],
      policy,
      audit: { kind: 'service' },
      accepts: ['form'],
      bodyLimit: FORM_LIMIT,
      rateLimit: RATE,
      body: FormBody,
      response: 'raw',
      transaction: 'manual',
      handler: async ({ body, who, app, reply }) => {
        const values = valuesOf(body);
        const outcome = await inIntakeBatch(
          app.database,
          async (trx): Promise<FormOutcome> => {
            const key = await formKey(trx, app.database);
            const token = checkFormToken(key, values._csrf);
            if (!token.ok) {
              if (token.reason === 'expired') return { kind: 'expired', token: issueFormToken(key) };
              throw new AppError(
                'forbidden',
                'This form could not be verified. Open the report page and try again.',
              );
            }
            const parsed = ReportBody.safeParse({ ...values, language: lang, submissionId: undefined });
            if (!parsed.success) return { kind: 'invalid', issues: issues(parsed.error) };
            return {
              kind: 'received',
              receipt: await submitReport(trx, who, key, parsed.data, token.nonce, app.database),
            };
          },
          { together: true },
        );
        switch (outcome.kind) {
          case 'expired':
            // A stale form keeps the person's words: show them again with a fresh token.
            return sendHtml(
              reply,
              400,
              reportFormPage({ lang, token: outcome.token, values, expired: true }),
            );
          case 'invalid': {
            const errors = fieldErrorsFrom({ fields: outcome.issues }, lang);
            return sendHtml(reply, 400, reportFormPage({ lang, token: values._csrf ?? '', values, errors }));
          }
          case 'received':
            return sendHtml(reply, 200, receiptPage({ lang, ...outcome.receipt }));
        }
      },
    }),
    defineRoute({
      method: 'GET',
      url: `${prefix}/report/add`,
      summary: `Form to add information to a report (${lang})`,
      tags: ['intake'],
      policy,
      audit: { kind: 'not-personal', reason: 'an empty form' },
      response: 'raw',
      handler: async ({ reply }) => sendHtml(reply, 200, addPage({ lang })),
    }),
    defineRoute({
      method: 'POST',
      url: `${prefix}/report/add`,
      summary: `Add information to a report with its reference code and secret (${lang})`,
      tags: ['intake'],
      policy,
      audit: { kind: 'service' },
      accepts: ['form'],
      bodyLimit: FORM_LIMIT,
      rateLimit: RATE,
      body: FormBody,
      response: 'raw',
      transaction: 'manual',
      handler: async ({ body, who, app, reply }) => {
        const values = valuesOf(body);
        const parsed = AddToReportBody.safeParse(values);
        if (!parsed.success) {
          const errors = fieldErrorsFrom({ fields: issues(parsed.error) }, lang);
          return sendHtml(reply, 400, addPage({ lang, values, errors }));
        }
        try {
          const done = await inIntakeBatch(app.database, (trx) => addToReport(trx, who, parsed.data));
          return sendHtml(reply, 200, addPage({ lang, done: done.referenceCode }));
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== 'not_found') throw err;
          return sendHtml(reply, 404, addPage({ lang, values, errors: fieldErrorsFrom(err.details, lang) }));
        }
      },
    }),
  ];
}

export const webformRoutes: AnyRoute[] = [
  ...pages('en', ''),
  ...pages('es', '/es'),
  defineRoute({
    method: 'POST',
    url: '/api/public/reports',
    summary: 'Send a report as JSON (the same questions as the form); answers a reference code and secret',
    tags: ['intake'],
    policy,
    audit: { kind: 'service' },
    bodyLimit: FORM_LIMIT,
    rateLimit: RATE,
    body: ReportBody,
    response: ReportReceipt,
    successStatus: 201,
    transaction: 'manual',
    handler: async ({ body, who, app }) =>
      inIntakeBatch(
        app.database,
        async (trx) =>
          submitReport(trx, who, await formKey(trx, app.database), body, body.submissionId, app.database),
        { together: true },
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/public/reports/additions',
    summary: 'Add information to a report with its reference code and secret',
    tags: ['intake'],
    policy,
    audit: { kind: 'service' },
    bodyLimit: FORM_LIMIT,
    rateLimit: RATE,
    body: AddToReportBody,
    response: AddReceipt,
    successStatus: 201,
    transaction: 'manual',
    handler: async ({ body, who, app }) => ({
      ...(await inIntakeBatch(app.database, (trx) => addToReport(trx, who, body))),
      added: true as const,
    }),
  }),
];
