/** Twilio-compatible webhooks for texts and calls: signed, idempotent, answered with TwiML. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../platform/http/route';
import { publicAccess } from '../../platform/http/policy';
import { defineRoute, type AnyRoute } from '../../platform/http/route';
import type { Queryable, Tx } from '../../platform/db/transaction';
import { inIntakeBatch } from './batch';
import { normalisePhone } from './area-codes';
import { findChannelRecent, type ChannelRow } from './channels';
import { receiveSms, recordSmsStatus } from './sms';
import type { ChannelKind } from './tables';
import { assertSigned, fields, TwilioBody, type TwilioParams } from './twilio';
import { receiveCall, recordCallStatus } from './voice';

const policy = publicAccess('intake.twilio', 'Twilio signs its webhooks instead of signing in');
const HOOK_LIMIT = 64 * 1024;

/** The URL Twilio requested, as it signed it: the public address plus path and query. */
const signedUrl = (app: AppServices, req: FastifyRequest): string =>
  app.config.publicUrl.replace(/\/$/, '') + req.url;

/** The hotline the webhook is for (by its To number), once its signature has been checked. */
async function verified(
  trx: Queryable,
  app: AppServices,
  req: FastifyRequest,
  params: TwilioParams,
  kind: ChannelKind,
): Promise<ChannelRow> {
  const { To } = fields(params, ['To']);
  return signedChannel(trx, app, req, params, kind, normalisePhone(To) ?? To);
}

/** The channel for `address` whose token signed this request; a remembered token that fails is read again. */
async function signedChannel(
  trx: Queryable,
  app: AppServices,
  req: FastifyRequest,
  params: TwilioParams,
  kind: ChannelKind,
  address: string,
): Promise<ChannelRow> {
  const check = (c: ChannelRow | undefined): void =>
    assertSigned(c?.twilioAuthToken, signedUrl(app, req), params, req.headers['x-twilio-signature']);
  const remembered = await findChannelRecent(app.database, trx, kind, address);
  try {
    check(remembered);
    return remembered as ChannelRow;
  } catch (err) {
    if (!remembered) throw err;
  }
  const fresh = await findChannelRecent(app.database, trx, kind, address, true);
  check(fresh);
  return fresh as ChannelRow;
}

const sendXml = (reply: FastifyReply, body: string): FastifyReply =>
  reply.status(200).header('cache-control', 'no-store').type('text/xml; charset=utf-8').send(body);

type HookInput = Parameters<Parameters<typeof defineRoute>[0]['handler']>[0];

/**
 * A signed Twilio webhook. `handle` runs in a group-committed intake transaction and answers the
 * TwiML; the answer leaves only after the commit.
 */
const hook = (
  url: string,
  summary: string,
  handle: (input: HookInput & { trx: Tx }) => Promise<string>,
): AnyRoute =>
  defineRoute({
    method: 'POST',
    url,
    summary,
    tags: ['intake', 'webhooks'],
    policy,
    audit: { kind: 'service' },
    transaction: 'manual',
    accepts: ['form'],
    bodyLimit: HOOK_LIMIT,
    body: TwilioBody,
    response: 'raw',
    handler: async (input) => {
      const answer = await inIntakeBatch(input.app.database, (trx) => handle({ ...input, trx }));
      return sendXml(input.reply, answer);
    },
  });

const EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

const duration = (v: string | undefined): number | null => {
  const n = Number(v);
  return v !== undefined && Number.isInteger(n) && n >= 0 && n < 864_000 ? n : null;
};

export const twilioRoutes: AnyRoute[] = [
  hook(
    '/hooks/twilio/sms',
    'Incoming text (Twilio Messaging webhook); answers keywords with TwiML',
    async ({ body, trx, who, app, req }) => {
      const params = body as TwilioParams;
      const channel = await verified(trx, app, req, params, 'text');
      const f = fields(params, ['MessageSid', 'From', 'To'], ['Body', 'NumMedia']);
      const answer = await receiveSms(trx, who, {
        hotlineId: channel.hotlineId,
        messageSid: f.MessageSid,
        from: f.From,
        to: f.To,
        body: (f.Body ?? '').slice(0, 10_000),
        numMedia: duration(f.NumMedia) ?? 0,
      });
      return answer;
    },
  ),
  hook(
    '/hooks/twilio/sms/status',
    "Delivery status of an advocate's text (Twilio status callback)",
    async ({ body, trx, app, req }) => {
      const params = body as TwilioParams;
      // Status callbacks for outbound texts come with the hotline's number as From.
      const { From } = fields(params, ['From']);
      const channel = await signedChannel(trx, app, req, params, 'text', normalisePhone(From) ?? From);
      const f = fields(params, ['MessageSid', 'MessageStatus']);
      await recordSmsStatus(trx, channel.hotlineId, f.MessageSid, f.MessageStatus);
      return EMPTY;
    },
  ),
  hook(
    '/hooks/twilio/voice',
    'Incoming call (Twilio Voice webhook): shows in the inbox while ringing, dials advocates',
    async ({ body, trx, who, app, req }) => {
      const params = body as TwilioParams;
      const channel = await verified(trx, app, req, params, 'phone');
      const f = fields(params, ['CallSid', 'From', 'To'], ['CallStatus']);
      const answer = await receiveCall(
        trx,
        who,
        {
          hotlineId: channel.hotlineId,
          callSid: f.CallSid,
          from: f.From,
          to: f.To,
          status: f.CallStatus ?? 'ringing',
        },
        channel.advocateNumbers,
      );
      return answer;
    },
  ),
  hook(
    '/hooks/twilio/voice/status',
    "A call's status and duration (Twilio status callback)",
    async ({ body, trx, who, app, req }) => {
      const params = body as TwilioParams;
      const channel = await verified(trx, app, req, params, 'phone');
      const f = fields(params, ['CallSid', 'From', 'To', 'CallStatus'], ['CallDuration']);
      await recordCallStatus(trx, who, {
        hotlineId: channel.hotlineId,
        callSid: f.CallSid,
        from: f.From,
        to: f.To,
        status: f.CallStatus,
        durationSeconds: duration(f.CallDuration),
      });
      return EMPTY;
    },
  ),
];
