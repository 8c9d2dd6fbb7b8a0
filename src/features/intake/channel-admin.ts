/**
 * A hotline's channels, as its administrator sets them up: the Twilio numbers texts and calls come
 * in on (with the token their webhooks are signed with), the advocates a call rings, the email
 * addresses the SMTP listener takes mail for and the webform's slug. An address belongs to one
 * hotline per kind. The Twilio auth token is written, never read back: it is stored sealed
 * (channel-secrets.ts), and views carry only whether one is set and its last four characters.
 */
import { recordAudit, type AuditActor } from '../../platform/audit/audit';
import type { Queryable } from '../../platform/db/transaction';
import { conflict, notFound, validationFailed, type FieldIssue } from '../../platform/errors';
import { normalisePhone } from './area-codes';
import type { SecretBox } from '../../platform/secrets/box';
import type { ChannelAddress } from './channels';
import { openToken, sealToken } from './channel-secrets';
import {
  TwilioAccountSid,
  type AddChannelInput,
  type ChangeChannelInput,
  type ChannelViewT,
} from './channel-admin-schema';
import type { ChannelKind } from './tables';
import './tables';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const EMAIL = /^[^\s@<>(),;:"[\]]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;
export const isTwilio = (kind: ChannelKind): boolean => kind === 'text' || kind === 'phone';

/** The webhook addresses for Twilio's console, from the public address Twilio signs against. */
export function twilioWebhooks(publicUrl: string): {
  sms: string;
  smsStatus: string;
  voice: string;
  voiceStatus: string;
} {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    sms: `${base}/hooks/twilio/sms`,
    smsStatus: `${base}/hooks/twilio/sms/status`,
    voice: `${base}/hooks/twilio/voice`,
    voiceStatus: `${base}/hooks/twilio/voice/status`,
  };
}

/** An address in the one form it is stored and found in, or the message for the field. */
export function normaliseAddress(kind: ChannelKind, input: string): { address: string } | { issue: string } {
  const raw = input.trim();
  switch (kind) {
    case 'text':
    case 'phone': {
      const phone = /\d/.test(raw) ? normalisePhone(raw) : null;
      return phone ? { address: phone } : { issue: 'Enter a phone number like +15551234567' };
    }
    case 'email': {
      const email = raw.toLowerCase();
      return EMAIL.test(email) && email.length <= 320
        ? { address: email }
        : { issue: 'Enter an email address like tips@report.example.org' };
    }
    case 'webform': {
      const slug = raw.toLowerCase();
      if (!SLUG.test(slug)) return { issue: 'Use lowercase letters, digits and dashes, like "default"' };
      // /report/add is the page for adding to a report, so no form can live there.
      return slug === 'add'
        ? { issue: '"add" is taken by the report pages; choose another' }
        : { address: slug };
    }
  }
}

interface Row {
  id: string;
  kind: ChannelKind;
  address: string;
  twilio_account_sid: string | null;
  twilio_auth_token: string | null;
  advocate_numbers: string[];
  created_at: Date;
}

const COLUMNS = [
  'id',
  'kind',
  'address',
  'twilio_account_sid',
  'twilio_auth_token',
  'advocate_numbers',
  'created_at',
] as const;

/** The stored token, opened only to show its last four characters; one that does not open shows none. */
function tokenOf(box: SecretBox, r: Row): string | null {
  try {
    return openToken(box, r.twilio_auth_token);
  } catch {
    return null;
  }
}

function view(r: Row, box: SecretBox): ChannelViewT {
  const token = tokenOf(box, r);
  return {
    id: r.id,
    kind: r.kind,
    address: r.address,
    twilioAccountSid: r.twilio_account_sid,
    twilioAuthToken: {
      set: r.twilio_auth_token !== null,
      // Only a token long enough that four characters give little of it away shows them.
      last4: token && token.length >= 16 ? token.slice(-4) : null,
    },
    advocateNumbers: r.advocate_numbers,
    createdAt: r.created_at,
  };
}

const ORDER: Record<ChannelKind, number> = { text: 0, phone: 1, email: 2, webform: 3 };

export async function listChannels(q: Queryable, hotlineId: string, box: SecretBox): Promise<ChannelViewT[]> {
  const rows = await q
    .selectFrom('hotline_channels')
    .select(COLUMNS)
    .where('hotline_id', '=', hotlineId)
    .orderBy('address')
    .execute();
  return rows.map((r) => view(r, box)).sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
}

/**
 * The checked values of a channel, or a 400 naming every field that is not right. The CLI calls the
 * service without the request's schema, so what the schema checks that matters here is checked again.
 */
function checkFields(
  kind: ChannelKind,
  input: {
    address: string;
    twilioAccountSid?: string | null;
    twilioAuthToken?: string | null;
    advocateNumbers?: string[];
  },
): { address: string; advocateNumbers: string[] | undefined; twilioAccountSid: string | null | undefined } {
  const issues: FieldIssue[] = [];
  const address = normaliseAddress(kind, input.address);
  if ('issue' in address) issues.push({ path: 'body.address', message: address.issue });
  let twilioAccountSid = input.twilioAccountSid;
  if (typeof twilioAccountSid === 'string') {
    const sid = TwilioAccountSid.safeParse(twilioAccountSid);
    if (sid.success) twilioAccountSid = sid.data;
    else
      issues.push({
        path: 'body.twilioAccountSid',
        message: sid.error.issues[0]?.message ?? 'Enter the Account SID from Twilio’s console',
      });
  }
  if (!isTwilio(kind)) {
    if (input.twilioAccountSid)
      issues.push({ path: 'body.twilioAccountSid', message: 'Only text and phone channels use Twilio' });
    if (input.twilioAuthToken)
      issues.push({ path: 'body.twilioAuthToken', message: 'Only text and phone channels use Twilio' });
  }
  let advocateNumbers: string[] | undefined;
  if (input.advocateNumbers !== undefined) {
    const given = input.advocateNumbers.map((n) => n.trim()).filter(Boolean);
    if (given.length && kind !== 'phone') {
      issues.push({ path: 'body.advocateNumbers', message: 'Only phone channels ring advocates' });
    }
    advocateNumbers = [];
    given.forEach((n, i) => {
      const phone = normalisePhone(n);
      if (!phone)
        issues.push({
          path: `body.advocateNumbers.${i}`,
          message: `"${n}" is not a phone number like +15551234567`,
        });
      else if (!advocateNumbers?.includes(phone)) advocateNumbers?.push(phone);
    });
  }
  if (issues.length || 'issue' in address) throw validationFailed(issues);
  return { address: address.address, advocateNumbers, twilioAccountSid };
}

/** A 409 on the address when any hotline (this one included) already has it for this kind. */
async function assertAddressFree(q: Queryable, kind: ChannelKind, address: string, exceptId?: string) {
  let query = q
    .selectFrom('hotline_channels')
    .select('id')
    .where('kind', '=', kind)
    .where((eb) => eb(eb.fn('lower', ['address']), '=', address.toLowerCase()));
  if (exceptId) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) throw addressTaken();
}

const addressTaken = () =>
  conflict('This address is already set up as a channel.', {
    fields: [{ path: 'body.address', message: 'Already in use (by this or another hotline)' }],
  });

const isUniqueViolation = (err: unknown): boolean => (err as { code?: string } | null)?.code === '23505';

export async function addChannel(
  q: Queryable,
  who: AuditActor,
  hotlineId: string,
  input: AddChannelInput,
  box: SecretBox,
  /** Where the addresses changed are named, to be forgotten once committed (`changeChannels`). */
  touched?: ChannelAddress[],
): Promise<ChannelViewT> {
  const { address, advocateNumbers, twilioAccountSid } = checkFields(input.kind, input);
  await assertAddressFree(q, input.kind, address);
  let row: Row;
  try {
    row = await q
      .insertInto('hotline_channels')
      .values({
        hotline_id: hotlineId,
        kind: input.kind,
        address,
        twilio_account_sid: twilioAccountSid ?? null,
        twilio_auth_token: input.twilioAuthToken ? sealToken(box, input.twilioAuthToken) : null,
        advocate_numbers: advocateNumbers ?? [],
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
  } catch (err) {
    if (isUniqueViolation(err)) throw addressTaken();
    throw err;
  }
  await recordAudit(q, who, {
    action: 'channel.added',
    subjectType: 'hotline_channel',
    subjectId: row.id,
    details: { kind: row.kind, tokenSet: Boolean(row.twilio_auth_token) },
    hotlineId,
  });
  touched?.push({ kind: row.kind, address: row.address });
  return view(row, box);
}

async function ownChannel(q: Queryable, hotlineId: string, id: string): Promise<Row> {
  const row = await q
    .selectFrom('hotline_channels')
    .select(COLUMNS)
    .where('id', '=', id)
    .where('hotline_id', '=', hotlineId)
    .executeTakeFirst();
  if (!row) throw notFound('channel');
  return row;
}

export async function changeChannel(
  q: Queryable,
  who: AuditActor,
  hotlineId: string,
  id: string,
  input: ChangeChannelInput,
  box: SecretBox,
  touched?: ChannelAddress[],
): Promise<ChannelViewT> {
  const before = await ownChannel(q, hotlineId, id);
  const { address, advocateNumbers, twilioAccountSid } = checkFields(before.kind, {
    ...input,
    address: input.address ?? before.address,
  });
  if (address.toLowerCase() !== before.address.toLowerCase()) {
    await assertAddressFree(q, before.kind, address, id);
  }
  const changes = {
    address,
    ...(twilioAccountSid !== undefined ? { twilio_account_sid: twilioAccountSid } : {}),
    ...(input.twilioAuthToken !== undefined
      ? { twilio_auth_token: input.twilioAuthToken === null ? null : sealToken(box, input.twilioAuthToken) }
      : {}),
    ...(advocateNumbers !== undefined ? { advocate_numbers: advocateNumbers } : {}),
  };
  let row: Row;
  try {
    row = await q
      .updateTable('hotline_channels')
      .set(changes)
      .where('id', '=', id)
      .where('hotline_id', '=', hotlineId)
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
  } catch (err) {
    if (isUniqueViolation(err)) throw addressTaken();
    throw err;
  }
  const fields = [
    row.address !== before.address ? 'address' : '',
    row.twilio_account_sid !== before.twilio_account_sid ? 'twilioAccountSid' : '',
    tokenOf(box, row) !== tokenOf(box, before) ? 'twilioAuthToken' : '',
    row.advocate_numbers.join() !== before.advocate_numbers.join() ? 'advocateNumbers' : '',
  ].filter(Boolean);
  await recordAudit(q, who, {
    action: 'channel.changed',
    subjectType: 'hotline_channel',
    subjectId: id,
    details: { kind: row.kind, fields },
    hotlineId,
  });
  touched?.push({ kind: before.kind, address: before.address }, { kind: row.kind, address: row.address });
  return view(row, box);
}

/** Removes a channel. Its signals stay: they belong to the hotline, not to the address. */
export async function removeChannel(
  q: Queryable,
  who: AuditActor,
  hotlineId: string,
  id: string,
  touched?: ChannelAddress[],
): Promise<void> {
  const before = await ownChannel(q, hotlineId, id);
  await q.deleteFrom('hotline_channels').where('id', '=', id).where('hotline_id', '=', hotlineId).execute();
  await recordAudit(q, who, {
    action: 'channel.removed',
    subjectType: 'hotline_channel',
    subjectId: id,
    details: { kind: before.kind },
    hotlineId,
  });
  touched?.push({ kind: before.kind, address: before.address });
}
