/** Inbound texts: one open conversation (signal) per texter, keywords, opt-outs, delivery receipts. */
import { sql } from 'kysely';
import type { AuditActor } from '../../platform/audit/audit';
import type { Queryable } from '../../platform/db/transaction';
import { normalisePhone } from './area-codes';
import { appendToSignal, recordSignal } from './service';
import { twiml } from './twilio';

const STOP = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'PARAR']);
const START = new Set(['START', 'UNSTOP', 'YES']);
const INFO_EN = new Set(['HELP', 'INFO', 'BEFREE']);
const INFO_ES = new Set(['AYUDA']);

export const SMS_TEXT = {
  en: 'You reached the anti-trafficking hotline. An advocate will text you back; we answer 24 hours a day, 7 days a week, and messages are confidential. If you are in danger now, call 911. Reply STOP to stop texts.',
  es: 'Se comunicó con la línea contra la trata de personas. Un consejero le responderá por mensaje; atendemos las 24 horas, los 7 días de la semana, y los mensajes son confidenciales. Si está en peligro ahora, llame al 911. Responda STOP para no recibir más mensajes.',
};

export interface InboundSms {
  hotlineId: string;
  messageSid: string;
  from: string;
  to: string;
  body: string;
  numMedia: number;
}

/** Stores the text (once per MessageSid) and answers with TwiML. */
export async function receiveSms(trx: Queryable, who: AuditActor, m: InboundSms): Promise<string> {
  const from = normalisePhone(m.from) ?? m.from;
  // One texter's messages arrive in parallel: take turns, so that they land in one conversation.
  await sql`select pg_advisory_xact_lock(hashtext(${`sms:${m.hotlineId}:${from}`}))`.execute(trx);
  // A replay was answered the first time; answering again would text the person twice. The
  // replay check and the open conversation are read after the lock, so they see its holder's work.
  const found = await sql<{ replay: boolean; open_id: string | null }>`
    select exists (select 1 from signal_messages where hotline_id = ${m.hotlineId}::uuid and channel = 'text'
        and provider_id = ${m.messageSid}) as replay,
      (select id from signals where hotline_id = ${m.hotlineId}::uuid and channel = 'text'
        and thread_key = ${from} and status <> 'closed' order by received_at desc limit 1) as open_id`.execute(
    trx,
  );
  if (found.rows[0]?.replay) return twiml.empty();

  const keyword = m.body.trim().toUpperCase();
  const message = {
    direction: 'in' as const,
    body: m.body,
    providerId: m.messageSid,
    meta: { numMedia: m.numMedia },
  };
  const open = found.rows[0]?.open_id ? { id: found.rows[0].open_id } : undefined;
  if (open) {
    await appendToSignal(trx, who, { hotlineId: m.hotlineId, signalId: open.id, ...message });
  } else {
    await recordSignal(trx, who, {
      hotlineId: m.hotlineId,
      channel: 'text',
      providerId: m.messageSid,
      threadKey: from,
      language: INFO_ES.has(keyword) ? 'es' : null,
      signaler: { phone: from },
      content: { text: { to: m.to, keyword: INFO_EN.has(keyword) || INFO_ES.has(keyword) ? keyword : null } },
      firstMessage: message,
    });
  }

  if (STOP.has(keyword)) {
    await trx
      .insertInto('sms_opt_outs')
      .values({ hotline_id: m.hotlineId, phone: from })
      .onConflict((oc) => oc.columns(['hotline_id', 'phone']).doNothing())
      .execute();
    return twiml.empty();
  }
  if (START.has(keyword)) {
    await trx
      .deleteFrom('sms_opt_outs')
      .where('hotline_id', '=', m.hotlineId)
      .where('phone', '=', from)
      .execute();
  }
  if (INFO_EN.has(keyword)) return twiml.message(SMS_TEXT.en);
  if (INFO_ES.has(keyword)) return twiml.message(SMS_TEXT.es);
  return twiml.empty();
}

export async function isOptedOut(q: Queryable, hotlineId: string, phone: string): Promise<boolean> {
  const row = await q
    .selectFrom('sms_opt_outs')
    .select('phone')
    .where('hotline_id', '=', hotlineId)
    .where('phone', '=', normalisePhone(phone) ?? phone)
    .executeTakeFirst();
  return row !== undefined;
}

/** Twilio's delivery receipts for advocates' replies: queued, sent, delivered, undelivered, failed. */
export async function recordSmsStatus(
  q: Queryable,
  hotlineId: string,
  messageSid: string,
  status: string,
): Promise<void> {
  await q
    .updateTable('signal_messages')
    .set({ delivery_status: status.slice(0, 40) })
    .where('hotline_id', '=', hotlineId)
    .where('channel', '=', 'text')
    .where('provider_id', '=', messageSid)
    .execute();
}
