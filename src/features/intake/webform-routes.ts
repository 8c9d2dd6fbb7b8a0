/**
 * The public report form and its JSON twin, and adding information later. `/report` (and
 * `/es/report`, `/api/public/reports`) is the `default` slug's form; `/report/<slug>` (and
 * `/es/report/<slug>`, `/api/public/forms/<slug>/reports`) is the form of the hotline whose webform
 * channel has that slug. An unknown slug is a 404 and its reports are never filed elsewhere.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import { publicAccess } from '../../platform/http/policy';
import { defineRoute, type AnyRoute, type AppServices } from '../../platform/http/route';
import type { Lang } from '../public-site/layout';
import { inIntakeBatch } from './batch';
import { normaliseAddress } from './channel-admin';
import { DEFAULT_SLUG, webformHotline } from './channels';
import { checkFormToken, formKey, issueFormToken } from './keys';
import {
  addPage,
  DEFAULT_FORM,
  fieldErrorsFrom,
  formAt,
  noSuchFormPage,
  notSetUpPage,
  receiptPage,
  reportFormPage,
  type FormPlace,
  type Values,
} from './report-page';
import { AddReceipt, AddToReportBody, ReportBody, ReportReceipt } from './report-schema';
import { intakeSettings } from './settings';
import { addToReport, hotlineOrFail, noSuchForm, submitReport, type Receipt } from './webform';

const policy = publicAccess('intake.webform', 'anyone may report without an account');
const RATE = { max: intakeSettings.reportRateLimit, timeWindow: '10 minutes' };
const FORM_LIMIT = 64 * 1024;
const FormBody = z.record(z.string(), z.unknown());
const SlugParams = z.object({ slug: z.string().max(200) });

/** What every route that takes a report or an addition shares. */
const POSTED = {
  method: 'POST' as const,
  tags: ['intake'],
  policy,
  audit: { kind: 'service' as const },
  bodyLimit: FORM_LIMIT,
  rateLimit: RATE,
  transaction: 'manual' as const,
};

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

/** A form: its slug and where its pages are. */
interface Place {
  slug: string;
  form: FormPlace;
}

/** The form a request names: none in the path is the default; a slug that cannot be one is none. */
function placeOf(params: unknown): Place | undefined {
  const slug = (params as { slug?: string } | undefined)?.slug;
  if (slug === undefined) return { slug: DEFAULT_SLUG, form: DEFAULT_FORM };
  const normal = normaliseAddress('webform', slug);
  return 'issue' in normal ? undefined : { slug: normal.address, form: formAt(normal.address) };
}

/** The place and its hotline, when a hotline has that form. Read outside any request transaction. */
async function hotlineAt(
  app: AppServices,
  params: unknown,
): Promise<(Place & { hotlineId: string }) | undefined> {
  const place = placeOf(params);
  if (!place) return undefined;
  const hotlineId = await webformHotline(app.database.db, place.slug, app.database);
  return hotlineId ? { ...place, hotlineId } : undefined;
}

/** The answer when a form is not there: "not set up yet" for the default, a plain 404 for a slug. */
const missing = (reply: FastifyReply, lang: Lang, params: unknown): FastifyReply =>
  params === undefined
    ? sendHtml(reply, 404, notSetUpPage(lang))
    : sendHtml(reply, 404, noSuchFormPage(lang, DEFAULT_FORM.path));

/** One form's pages in one language: `base` is `/report` or `/report/:slug`, under the language prefix. */
function pages(lang: Lang, base: string): AnyRoute[] {
  const params = base.includes(':slug') ? SlugParams : undefined;
  return [
    defineRoute({
      method: 'GET',
      url: base,
      summary: `The report form (${lang})`,
      tags: ['intake'],
      policy,
      audit: { kind: 'not-personal', reason: 'an empty form' },
      params,
      response: 'raw',
      handler: async ({ params, trx, app, reply }) => {
        const at = await hotlineAt(app, params);
        if (!at) return missing(reply, lang, params);
        const key = await formKey(trx, app.database);
        return sendHtml(reply, 200, reportFormPage({ lang, token: issueFormToken(key), form: at.form }));
      },
    }),
    defineRoute({
      ...POSTED,
      url: base,
      summary: `Send the report form (${lang}); answers are re-shown with messages when something is missing`,
      accepts: ['form'],
      params,
      body: FormBody,
      response: 'raw',
      handler: async ({ params, body, who, app, reply }) => {
        const at = await hotlineAt(app, params);
        if (!at) return missing(reply, lang, params);
        const { form } = at;
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
              receipt: await submitReport(trx, who, key, parsed.data, token.nonce, {
                slug: at.slug,
                owner: app.database,
              }),
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
              reportFormPage({ lang, token: outcome.token, values, expired: true, form }),
            );
          case 'invalid': {
            const errors = fieldErrorsFrom({ fields: outcome.issues }, lang);
            return sendHtml(
              reply,
              400,
              reportFormPage({ lang, token: values._csrf ?? '', values, errors, form }),
            );
          }
          case 'received':
            return sendHtml(reply, 200, receiptPage({ lang, ...outcome.receipt, form }));
        }
      },
    }),
    defineRoute({
      method: 'GET',
      url: `${base}/add`,
      summary: `Form to add information to a report (${lang})`,
      tags: ['intake'],
      policy,
      audit: { kind: 'not-personal', reason: 'an empty form' },
      params,
      response: 'raw',
      handler: async ({ params, app, reply }) => {
        const at = params === undefined ? placeOf(params) : await hotlineAt(app, params);
        if (!at) return missing(reply, lang, params);
        return sendHtml(reply, 200, addPage({ lang, form: at.form }));
      },
    }),
    defineRoute({
      ...POSTED,
      url: `${base}/add`,
      summary: `Add information to a report with its reference code and secret (${lang})`,
      accepts: ['form'],
      params,
      body: FormBody,
      response: 'raw',
      handler: async ({ params, body, who, app, reply }) => {
        const at = params === undefined ? placeOf(params) : await hotlineAt(app, params);
        if (!at) return missing(reply, lang, params);
        const { form } = at;
        const values = valuesOf(body);
        const parsed = AddToReportBody.safeParse(values);
        if (!parsed.success) {
          const errors = fieldErrorsFrom({ fields: issues(parsed.error) }, lang);
          return sendHtml(reply, 400, addPage({ lang, values, errors, form }));
        }
        try {
          const done = await inIntakeBatch(app.database, (trx) =>
            addToReport(trx, who, parsed.data, { slug: at.slug, owner: app.database }),
          );
          return sendHtml(reply, 200, addPage({ lang, done: done.referenceCode, form }));
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== 'not_found') throw err;
          const errors = fieldErrorsFrom(err.details, lang);
          return sendHtml(reply, 404, addPage({ lang, values, errors, form }));
        }
      },
    }),
  ];
}

/** A JSON form route: `base` is `/api/public/reports` or `/api/public/forms/:slug`. */
function api(base: string, reports: string, additions: string): AnyRoute[] {
  const params = base.includes(':slug') ? SlugParams : undefined;
  /**
   * The slug, once its hotline is found: a form that is not there is a 404 before the report
   * joins a group commit, where its failure would make the others run again one by one.
   */
  const slugOf = async (app: AppServices, p: unknown): Promise<string> => {
    const place = placeOf(p);
    if (!place) throw noSuchForm();
    await hotlineOrFail(app.database.db, { slug: place.slug, owner: app.database });
    return place.slug;
  };
  return [
    defineRoute({
      ...POSTED,
      url: `${base}${reports}`,
      summary: 'Send a report as JSON (the same questions as the form); answers a reference code and secret',
      params,
      body: ReportBody,
      response: ReportReceipt,
      successStatus: 201,
      handler: async ({ params, body, who, app }) => {
        const slug = await slugOf(app, params);
        return inIntakeBatch(
          app.database,
          async (trx) =>
            submitReport(trx, who, await formKey(trx, app.database), body, body.submissionId, {
              slug,
              owner: app.database,
            }),
          { together: true },
        );
      },
    }),
    defineRoute({
      ...POSTED,
      url: `${base}${additions}`,
      summary: 'Add information to a report with its reference code and secret',
      params,
      body: AddToReportBody,
      response: AddReceipt,
      successStatus: 201,
      handler: async ({ params, body, who, app }) => {
        const slug = await slugOf(app, params);
        return {
          ...(await inIntakeBatch(app.database, (trx) =>
            addToReport(trx, who, body, { slug, owner: app.database }),
          )),
          added: true as const,
        };
      },
    }),
  ];
}

export const webformRoutes: AnyRoute[] = [
  ...pages('en', '/report'),
  ...pages('es', '/es/report'),
  ...pages('en', '/report/:slug'),
  ...pages('es', '/es/report/:slug'),
  ...api('/api/public/reports', '', '/additions'),
  ...api('/api/public/forms/:slug', '/reports', '/additions'),
];
