/**
 * Intake's use cases: every contact on every channel becomes a signal here. Channels (webform,
 * texts, calls, email, webchat) call `recordSignal` for a new contact and `appendToSignal` for
 * a message that belongs to one already open. Both run in the caller's transaction, so the signal
 * is committed before the caller acknowledges the channel (HTTP 2xx, SMTP 250), and a failure
 * leaves nothing half-written.
 */
import type { AuditActor } from '../../platform/audit/audit';
import type { Channel } from '../../platform/db/schema';
import { publish } from '../../platform/db/notify';
import type { Queryable } from '../../platform/db/transaction';
import { notFound } from '../../platform/errors';
import { normalisePhone, stateForPhone } from './area-codes';
import { hashSecret, newReferenceCode } from './codes';
import { insertMessageOnce } from './append-message';
import { insertSignal } from './insert-signal';
import './tables';

/** Live inboxes listen here; the payload carries ids only, never what was said. */
export const SIGNALS_CHANNEL = 'intake_signals';

export interface SignalEvent {
  hotlineId: string;
  signalId: string;
  channel: Channel;
  event: 'created' | 'message' | 'updated';
}

export type SignalerRole =
  'victim_survivor' | 'family_friend' | 'community_member' | 'service_provider' | 'law_enforcement' | 'other';

export interface SignalerInput {
  role?: SignalerRole | undefined;
  name?: string | null | undefined;
  /** Any format; stored as E.164 when it can be read. */
  phone?: string | null | undefined;
  email?: string | null | undefined;
  language?: string | null | undefined;
  contactSafe?: boolean | null | undefined;
  contactInstructions?: string | null | undefined;
}

export interface AttachmentInput {
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface MessageInput {
  direction: 'in' | 'out';
  body: string;
  /** MessageSid, Message-ID...: the same id twice is stored once. */
  providerId?: string | null | undefined;
  meta?: Record<string, unknown> | undefined;
  sentBy?: string | null | undefined;
  attachments?: AttachmentInput[] | undefined;
}

export interface SignalInput {
  hotlineId: string;
  channel: Channel;
  /** The channel's own id for this contact (CallSid, first MessageSid, Message-ID, form nonce). */
  providerId?: string | null | undefined;
  receivedAt?: Date | undefined;
  language?: string | null | undefined;
  /** Two-letter state the signal is about; inferred from the area code for calls and texts when absent. */
  state?: string | null | undefined;
  city?: string | null | undefined;
  locationText?: string | null | undefined;
  signaler?: SignalerInput | undefined;
  /** What the channel carried: form answers, call notes, an email's subject... (JSON). */
  content: Record<string, unknown>;
  /** Groups later messages into this signal (a texter's number). */
  threadKey?: string | null | undefined;
  /** The first message of a threaded channel (a text, an email). */
  firstMessage?: MessageInput | undefined;
  /** A secret the reporter was shown once; stored as its hash. */
  appendSecret?: string | undefined;
}

export interface RecordedSignal {
  id: string;
  referenceCode: string;
  /** False when the provider id was seen before: nothing new was stored. */
  created: boolean;
  messageId?: string | undefined;
}

/**
 * Records a new signal: links or creates its signaler, infers the state from the area code for
 * phone and text when no location is given (state_inferred), gives it a reference code, stores
 * its content and first message, audits it and tells live inboxes once the transaction commits.
 * Idempotent on (hotline, channel, providerId): a replayed delivery returns the first signal.
 */
export async function recordSignal(
  trx: Queryable,
  who: AuditActor,
  input: SignalInput,
): Promise<RecordedSignal> {
  const providerId = input.providerId ?? null;
  const phone = normalisePhone(input.signaler?.phone);
  const email = input.signaler?.email?.trim().toLowerCase() || null;
  let state = input.state ?? null;
  let stateInferred = false;
  if (!state && !input.locationText && (input.channel === 'phone' || input.channel === 'text')) {
    state = stateForPhone(phone);
    stateInferred = state !== null;
  }
  const s = input.signaler;
  const first = input.firstMessage;
  // A first message with attachments is written after the signal; one without goes in the statement.
  const inline = first && !first.attachments?.length ? first : undefined;
  const outcome = await insertSignal(
    trx,
    who,
    {
      hotlineId: input.hotlineId,
      referenceCode: newReferenceCode(),
      channel: input.channel,
      receivedAt: input.receivedAt ?? new Date(),
      language: input.language ?? s?.language ?? null,
      state,
      stateInferred,
      city: input.city ?? null,
      locationText: input.locationText ?? null,
      content: JSON.stringify(input.content),
      providerId,
      threadKey: input.threadKey ?? null,
      appendSecretHash: input.appendSecret ? hashSecret(input.appendSecret) : null,
    },
    {
      role: s?.role ?? 'other',
      name: s?.name ?? null,
      phone,
      email,
      language: s?.language ?? null,
      contactSafe: s?.contactSafe ?? null,
      contactInstructions: s?.contactInstructions ?? null,
    },
    inline
      ? {
          direction: inline.direction,
          body: inline.body,
          providerId: inline.providerId ?? null,
          meta: JSON.stringify(inline.meta ?? {}),
          sentBy: inline.sentBy ?? null,
        }
      : null,
    SIGNALS_CHANNEL,
  );
  if (!outcome.created) return { id: outcome.id, referenceCode: outcome.referenceCode, created: false };

  let messageId = outcome.messageId ?? undefined;
  if (first && !inline) {
    messageId = await insertMessage(trx, input.hotlineId, outcome.id, input.channel, first);
  }
  // The notification went out with the insert; PostgreSQL delivers it when this transaction commits.
  return { id: outcome.id, referenceCode: outcome.referenceCode, created: true, messageId };
}

export interface AppendInput extends MessageInput {
  hotlineId: string;
  signalId: string;
}

/**
 * Adds a message to a signal's thread (a text in an open conversation, an email reply, a chat
 * line, more information on a webform report, an advocate's reply). Idempotent on the message's
 * provider id. Throws not_found when the signal is not the hotline's.
 */
export async function appendToSignal(
  trx: Queryable,
  who: AuditActor,
  input: AppendInput,
): Promise<{ messageId: string; created: boolean }> {
  const done = await insertMessageOnce(
    trx,
    who,
    {
      hotlineId: input.hotlineId,
      signalId: input.signalId,
      direction: input.direction,
      body: input.body,
      providerId: input.providerId ?? null,
      meta: JSON.stringify(input.meta ?? {}),
      sentBy: input.sentBy ?? null,
      attachments: input.attachments?.length ?? 0,
    },
    SIGNALS_CHANNEL,
  );
  if (!done.found) throw notFound('signal');
  if (done.created && input.attachments?.length)
    await insertAttachments(trx, input.hotlineId, input.signalId, done.messageId, input.attachments);
  return { messageId: done.messageId, created: done.created };
}

/** Tells live inboxes about a change; delivered by PostgreSQL only if the transaction commits. */
export async function notify(trx: Queryable, event: SignalEvent): Promise<void> {
  await publish(trx, SIGNALS_CHANNEL, event);
}

export async function findMessage(
  trx: Queryable,
  hotlineId: string,
  channel: Channel,
  providerId: string,
): Promise<string | undefined> {
  const row = await trx
    .selectFrom('signal_messages')
    .select('id')
    .where('hotline_id', '=', hotlineId)
    .where('channel', '=', channel)
    .where('provider_id', '=', providerId)
    .executeTakeFirst();
  return row?.id;
}

async function insertMessage(
  trx: Queryable,
  hotlineId: string,
  signalId: string,
  channel: Channel,
  m: MessageInput,
): Promise<string> {
  const row = await trx
    .insertInto('signal_messages')
    .values({
      hotline_id: hotlineId,
      signal_id: signalId,
      channel,
      direction: m.direction,
      provider_id: m.providerId ?? null,
      body: m.body,
      meta: JSON.stringify(m.meta ?? {}),
      sent_by: m.sentBy ?? null,
      delivery_status: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertAttachments(trx, hotlineId, signalId, row.id, m.attachments ?? []);
  return row.id;
}

async function insertAttachments(
  trx: Queryable,
  hotlineId: string,
  signalId: string,
  messageId: string,
  attachments: AttachmentInput[],
): Promise<void> {
  for (const a of attachments) {
    await trx
      .insertInto('signal_attachments')
      .values({
        hotline_id: hotlineId,
        signal_id: signalId,
        message_id: messageId,
        filename: a.filename,
        content_type: a.contentType,
        size_bytes: a.data.length,
        data: a.data,
      })
      .execute();
  }
}
