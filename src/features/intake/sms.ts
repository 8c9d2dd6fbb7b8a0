/** Inbound texts: one open conversation (signal) per texter, keywords, opt-outs, delivery receipts. */
import type { AuditActor } from '../../platform/audit/audit';
import type { Queryable } from '../../platform/db/transaction';
import { normalisePhone, stateForPhone } from './area-codes';
import { newReferenceCode } from './codes';
import { receiveText } from './receive-texts';
import { SIGNALS_CHANNEL } from './service';
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
  /** When the webhook arrived (arrivalTime), taken before it waits for its group commit. */
  arrivedAt: string;
}

/** The TwiML answers, built once: a keyword's reply, or nothing. */
const ANSWER = {
  none: twiml.empty(),
  en: twiml.message(SMS_TEXT.en),
  es: twiml.message(SMS_TEXT.es),
};

/**
 * Stores the text (once per MessageSid) and answers with TwiML. Texts from one number go to its
 * open conversation, else open a new one; the texter's messages take turns (an advisory lock), so
 * two at once still land in one conversation. The work is one call of `intake_receive_texts` for
 * all the texts of a group-commit batch (receive-texts.ts).
 */
export async function receiveSms(trx: Queryable, who: AuditActor, m: InboundSms): Promise<string> {
  const phone = normalisePhone(m.from);
  const keyword = m.body.trim().toUpperCase();
  const info = INFO_EN.has(keyword) ? 'en' : INFO_ES.has(keyword) ? 'es' : null;
  const stop = STOP.has(keyword);
  const state = stateForPhone(phone);
  const outcome = await receiveText(trx, SIGNALS_CHANNEL, {
    hotlineId: m.hotlineId,
    messageSid: m.messageSid,
    threadKey: phone ?? m.from,
    phone,
    body: m.body,
    meta: JSON.stringify({ numMedia: m.numMedia }),
    receivedAt: m.arrivedAt,
    referenceCode: newReferenceCode(),
    language: info === 'es' ? 'es' : null,
    state,
    stateInferred: state !== null,
    content: JSON.stringify({ text: { to: m.to, keyword: info ? keyword : null } }),
    optOut: stop ? 'stop' : START.has(keyword) ? 'start' : null,
    who,
  });
  // A replay was answered the first time; answering again would text the person twice.
  if (outcome.replay || stop || !info) return ANSWER.none;
  return ANSWER[info];
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
