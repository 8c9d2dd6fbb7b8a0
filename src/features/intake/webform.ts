/** The public report: a new webform signal, and more information added later with code + secret. */
import type { AuditActor } from '../../platform/audit/audit';
import type { Queryable } from '../../platform/db/transaction';
import { AppError } from '../../platform/errors';
import { DEFAULT_SLUG, webformHotline } from './channels';
import { newAppendSecret, newReferenceCode, secretMatches, tidyReferenceCode } from './codes';
import { secretFor } from './keys';
import type { Report } from './report-schema';
import { reportText } from './report-text';
import { appendToSignal, recordSignal } from './service';

export interface Receipt {
  referenceCode: string;
  secret: string;
  danger: boolean;
}

/** Which form a report came in on, and the app's database so the look-up can be remembered. */
export interface FormAt {
  slug?: string;
  owner?: object;
}

/** The 404 for an address that is no hotline's form. */
export const noSuchForm = (): AppError => new AppError('not_found', `${reportText.en.noSuchForm}.`);

/** The hotline of the form a report came in on, or a 404 naming what is missing. */
export async function hotlineOrFail(trx: Queryable, at: FormAt = {}): Promise<string> {
  const slug = at.slug ?? DEFAULT_SLUG;
  const id = await webformHotline(trx, slug, at.owner);
  if (!id) throw slug === DEFAULT_SLUG ? new AppError('not_found', reportText.en.notSetUp) : noSuchForm();
  return id;
}

/**
 * Records a report. `submissionId` (the form's nonce, or the API's submissionId) makes a resend
 * return the same reference code and secret instead of a second signal.
 */
export async function submitReport(
  trx: Queryable,
  who: AuditActor,
  key: Buffer,
  report: Report,
  submissionId: string | undefined,
  at: FormAt = {},
): Promise<Receipt> {
  const danger = report.danger === 'yes';
  // A robot filled the hidden field: answer as if received, keep nothing.
  if (report.website) return { referenceCode: newReferenceCode(), secret: newAppendSecret(), danger };
  const hotlineId = await hotlineOrFail(trx, at);
  const providerId = submissionId ? `form:${submissionId}` : null;
  const secret = providerId ? secretFor(key, providerId) : newAppendSecret();
  const contactOk = report.contactOk === 'yes';
  const signal = await recordSignal(trx, who, {
    hotlineId,
    channel: 'webform',
    providerId,
    language: report.language,
    state: report.state ?? null,
    city: report.city ?? null,
    signaler: {
      role: report.role,
      name: contactOk ? report.contactName : null,
      phone: contactOk ? report.contactPhone : null,
      email: contactOk ? report.contactEmail : null,
      language: report.language,
      contactSafe: contactOk,
      contactInstructions: contactOk ? report.contactInstructions : null,
    },
    content: {
      form: {
        what: report.what,
        when: report.when ?? null,
        who: report.who ?? null,
        minors: report.minors,
        danger: report.danger,
        contactOk: report.contactOk,
      },
    },
    appendSecret: secret,
  });
  return { referenceCode: signal.referenceCode, secret, danger };
}

/**
 * More information from the reporter, through the form the report came in on (its hotline's);
 * the reference code alone is not enough.
 */
export async function addToReport(
  trx: Queryable,
  who: AuditActor,
  input: { referenceCode: string; secret: string; more: string },
  at: FormAt = {},
): Promise<{ referenceCode: string }> {
  const hotlineId = await hotlineOrFail(trx, at);
  const code = tidyReferenceCode(input.referenceCode);
  const signal = await trx
    .selectFrom('signals')
    .select(['id', 'append_secret_hash'])
    .where('hotline_id', '=', hotlineId)
    .where('reference_code', '=', code)
    .executeTakeFirst();
  // One answer for "no such code" and "wrong secret": a code's existence is not confirmed.
  if (!signal || !secretMatches(input.secret, signal.append_secret_hash)) {
    throw new AppError('not_found', 'That reference code and secret do not match a report.', {
      fields: [{ path: 'body.secret', message: 'The reference code and secret do not match' }],
    });
  }
  await appendToSignal(trx, who, {
    hotlineId,
    signalId: signal.id,
    direction: 'in',
    body: input.more,
    meta: { kind: 'addition' },
  });
  return { referenceCode: code };
}
