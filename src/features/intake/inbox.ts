/** The inbox's use cases: read a signal, reply on its channel, log a call. */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AuditActor } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import type { Queryable } from '../../platform/db/transaction';
import { AppError, notFound } from '../../platform/errors';
import type { SecretBox } from '../../platform/secrets/box';
import { openToken } from './channel-secrets';
import type { CallLog, SignalView } from './inbox-schema';
import { outbound } from './outbound';
import { appendToSignal, notify, recordSignal } from './service';
import { isOptedOut } from './sms';
import { findSignal, type StoredSignal } from './store';
import './tables';

function replyChannel(s: StoredSignal): 'text' | 'email' | null {
  if (s.channel === 'text' && s.threadKey) return 'text';
  if (s.channel === 'email' && s.signaler?.email) return 'email';
  // A webform reporter who said it is safe to write to them.
  if (s.channel === 'webform' && s.signaler?.contactSafe && s.signaler.email) return 'email';
  return null;
}

export async function readSignal(q: Queryable, actor: Actor, id: string): Promise<SignalView> {
  const s = await findSignal(q, actor.hotlineId, id);
  if (!s) throw notFound('signal');
  const first = s.messages[0]?.body ?? '';
  const form = s.content.form as { what?: string } | undefined;
  const { threadKey: _threadKey, ...view } = s;
  return { ...view, preview: (form?.what ?? first).slice(0, 140), replyBy: replyChannel(s) };
}

/** Sends the advocate's reply on the signal's channel and adds it to the thread. */
export async function replyToSignal(
  q: Queryable,
  who: AuditActor,
  actor: Actor,
  input: { signalId: string; body: string; publicUrl: string; secrets: SecretBox },
): Promise<{ messageId: string }> {
  const s = await findSignal(q, actor.hotlineId, input.signalId);
  if (!s) throw notFound('signal');
  const by = replyChannel(s);
  if (!by) throw new AppError('conflict', 'There is no safe way to reply to this signal on its channel.');
  const send = outbound();

  if (by === 'text') {
    const to = s.threadKey ?? '';
    if (await isOptedOut(q, actor.hotlineId, to)) {
      throw new AppError('conflict', 'This person texted STOP: no more texts can be sent to them.');
    }
    const from = String((s.content.text as { to?: string } | undefined)?.to ?? '');
    const channel = await q
      .selectFrom('hotline_channels')
      .select(['address', 'twilio_account_sid', 'twilio_auth_token'])
      .where('hotline_id', '=', actor.hotlineId)
      .where('kind', '=', 'text')
      .orderBy(sql`address = ${from}`, 'desc')
      .executeTakeFirst();
    if (!channel) throw new AppError('conflict', 'This hotline has no text number set up.');
    const sent = await send.sms.send(q, {
      hotlineId: actor.hotlineId,
      from: channel.address,
      to,
      body: input.body,
      accountSid: channel.twilio_account_sid,
      authToken: openToken(input.secrets, channel.twilio_auth_token),
      statusCallback: `${input.publicUrl.replace(/\/$/, '')}/hooks/twilio/sms/status`,
    });
    const r = await appendToSignal(q, who, {
      hotlineId: actor.hotlineId,
      signalId: s.id,
      direction: 'out',
      body: input.body,
      providerId: sent.providerId,
      sentBy: actor.userId,
    });
    await q
      .updateTable('signal_messages')
      .set({ delivery_status: 'queued' })
      .where('id', '=', r.messageId)
      .execute();
    return { messageId: r.messageId };
  }

  const email = s.content.email as { to?: string; subject?: string } | undefined;
  const from =
    email?.to ??
    (
      await q
        .selectFrom('hotline_channels')
        .select('address')
        .where('hotline_id', '=', actor.hotlineId)
        .where('kind', '=', 'email')
        .executeTakeFirst()
    )?.address;
  if (!from) throw new AppError('conflict', 'This hotline has no email address set up.');
  const ids = await q
    .selectFrom('signal_messages')
    .select('provider_id')
    .where('signal_id', '=', s.id)
    .where('provider_id', 'is not', null)
    .orderBy('created_at')
    .execute();
  // Message-IDs of the thread, oldest first: the reply threads in the person's mail program.
  const refs = ids.map((r) => r.provider_id ?? '').filter((x) => x.startsWith('<'));
  const messageId = `<${randomUUID()}@${from.split('@')[1] ?? 'waymark.invalid'}>`;
  const subject = email?.subject
    ? /^re:/i.test(email.subject)
      ? email.subject
      : `Re: ${email.subject}`
    : 'Your report';
  await send.email.send(q, {
    hotlineId: actor.hotlineId,
    from,
    to: s.signaler?.email ?? '',
    subject,
    body: input.body,
    messageId,
    inReplyTo: refs[refs.length - 1] ?? null,
    references: refs.slice(-20),
  });
  return appendToSignal(q, who, {
    hotlineId: actor.hotlineId,
    signalId: s.id,
    direction: 'out',
    body: input.body,
    providerId: messageId,
    sentBy: actor.userId,
    meta: { subject },
  });
}

/** An advocate's record of a call: a new phone signal, or notes on one the voice webhook made. */
export async function logCall(
  q: Queryable,
  who: AuditActor,
  actor: Actor,
  c: CallLog,
): Promise<{ id: string; referenceCode: string }> {
  const call = {
    notes: c.summary,
    durationSeconds: c.durationMinutes * 60,
    loggedBy: actor.userId,
    callbackSafe: c.callbackSafe,
  };
  if (c.signalId) {
    const existing = await q
      .selectFrom('signals')
      .select(['id', 'reference_code', 'signaler_id'])
      .where('hotline_id', '=', actor.hotlineId)
      .where('id', '=', c.signalId)
      .where('channel', '=', 'phone')
      .executeTakeFirst();
    if (!existing) throw notFound('call');
    await sql`update signals set
        content = jsonb_set(content, '{call}', coalesce(content->'call', '{}'::jsonb) || ${JSON.stringify(call)}::jsonb),
        language = ${c.language}, state = coalesce(${c.state ?? null}, state),
        state_inferred = case when ${c.state ?? null}::text is null then state_inferred else false end,
        city = coalesce(${c.city ?? null}, city), location_text = coalesce(${c.locationText ?? null}, location_text),
        updated_at = now(), version = version + 1
      where id = ${existing.id} and hotline_id = ${actor.hotlineId}`.execute(q);
    if (existing.signaler_id) {
      await q
        .updateTable('signalers')
        .set({
          role: c.callerRole,
          contact_safe: c.callbackSafe,
          contact_instructions: c.callbackInstructions ?? null,
          updated_at: new Date(),
        })
        .where('id', '=', existing.signaler_id)
        .where('hotline_id', '=', actor.hotlineId)
        .execute();
    }
    await notify(q, {
      hotlineId: actor.hotlineId,
      signalId: existing.id,
      channel: 'phone',
      event: 'updated',
    });
    return { id: existing.id, referenceCode: existing.reference_code };
  }
  const signal = await recordSignal(q, who, {
    hotlineId: actor.hotlineId,
    channel: 'phone',
    language: c.language,
    state: c.state ?? null,
    city: c.city ?? null,
    locationText: c.locationText ?? null,
    signaler: {
      role: c.callerRole,
      phone: c.callbackSafe ? (c.callbackNumber ?? null) : null,
      language: c.language,
      contactSafe: c.callbackSafe,
      contactInstructions: c.callbackInstructions ?? null,
    },
    content: { call: { direction: 'inbound', ...call } },
  });
  return { id: signal.id, referenceCode: signal.referenceCode };
}
