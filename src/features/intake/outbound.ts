/**
 * How advocates' replies leave Waymark. Live: Twilio's REST API for texts, an SMTP relay for email.
 * Development (the default): the message is written to intake_dev_outbox and goes nowhere.
 */
import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Queryable } from '../../platform/db/transaction';
import { AppError } from '../../platform/errors';
import { intakeSettings } from './settings';

export interface OutboundText {
  hotlineId: string;
  from: string;
  to: string;
  body: string;
  accountSid: string | null;
  authToken: string | null;
  statusCallback: string;
}

export interface SmsProvider {
  /** Sends one text; answers the provider's id for it (delivery receipts name it). */
  send(q: Queryable, m: OutboundText): Promise<{ providerId: string }>;
}

/** Twilio's Messages resource, with plain fetch (no SDK in production code). */
export const twilioSmsProvider: SmsProvider = {
  async send(_q, m) {
    if (!m.accountSid || !m.authToken)
      throw new AppError('conflict', 'This hotline has no Twilio account set up for texts.');
    const res = await fetch(
      `https://api.twilio.com/2010-04-01/Accounts/${encodeURIComponent(m.accountSid)}/Messages.json`,
      {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${m.accountSid}:${m.authToken}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ To: m.to, From: m.from, Body: m.body, StatusCallback: m.statusCallback }),
        signal: AbortSignal.timeout(15_000),
      },
    );
    const data = (await res.json().catch(() => ({}))) as { sid?: string };
    if (!res.ok || !data.sid) throw new AppError('internal', 'The text could not be sent. Try again.');
    return { providerId: data.sid };
  },
};

export const developmentSmsProvider: SmsProvider = {
  async send(q, m) {
    const providerId = `DEV${randomUUID().replace(/-/g, '')}`;
    await q
      .insertInto('intake_dev_outbox')
      .values({
        hotline_id: m.hotlineId,
        channel: 'text',
        recipient: m.to,
        body: m.body,
        meta: JSON.stringify({ from: m.from, providerId }),
      })
      .execute();
    return { providerId };
  },
};

export interface OutboundEmail {
  hotlineId: string;
  from: string;
  to: string;
  subject: string;
  body: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
}

export interface EmailSender {
  send(q: Queryable, m: OutboundEmail): Promise<void>;
}

let relay: Transporter | undefined;

export const relayEmailSender: EmailSender = {
  async send(_q, m) {
    if (!intakeSettings.smtpRelay)
      throw new AppError('conflict', 'No SMTP relay is set up for email replies.');
    relay ??= nodemailer.createTransport(intakeSettings.smtpRelay);
    await relay.sendMail({
      from: m.from,
      to: m.to,
      subject: m.subject,
      text: m.body,
      messageId: m.messageId,
      ...(m.inReplyTo ? { inReplyTo: m.inReplyTo } : {}),
      references: m.references,
    });
  },
};

export const developmentEmailSender: EmailSender = {
  async send(q, m) {
    await q
      .insertInto('intake_dev_outbox')
      .values({
        hotline_id: m.hotlineId,
        channel: 'email',
        recipient: m.to,
        body: m.body,
        meta: JSON.stringify({
          from: m.from,
          subject: m.subject,
          messageId: m.messageId,
          inReplyTo: m.inReplyTo,
        }),
      })
      .execute();
  },
};

export const outbound = (): { sms: SmsProvider; email: EmailSender } =>
  intakeSettings.outbound === 'live'
    ? { sms: twilioSmsProvider, email: relayEmailSender }
    : { sms: developmentSmsProvider, email: developmentEmailSender };
