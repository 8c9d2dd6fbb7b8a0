/** Twilio-compatible webhooks for texts and calls: signed, idempotent, answered with TwiML. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../platform/http/route';
import { publicAccess } from '../../platform/http/policy';
import { defineRoute, type AnyRoute } from '../../platform/http/route';
import type { Queryable, Tx } from '../../platform/db/transaction';
import { inIntakeBatch } from './batch';
import { normalisePhone } from './area-codes';
import { SecretError } from '../../platform/secrets/box';
import { openToken } from './channel-secrets';
import { findChannelRecent, type ChannelRow } from './channels';
import { arrivalTime } from './receive-texts';
import { receiveSms, recordSmsStatus } from './sms';
import type { ChannelKind } from './tables';
import { assertSigned, fields, TwilioBody, type TwilioParams } from './twilio';
import { receiveCall, recordCallStatus } from './voice';

const policy = publicAccess('intake.twilio', 'Twilio signs its webhooks instead of signing in');
const HOOK_LIMIT = 64 * 1024;

/** The URL Twilio requested, as it signed it: the public address plus path and query. */
const signedUrl = (app: AppServices, req: FastifyRequest): string =>
  app.config.publicUrl.replace(/\/$/, '') + req.url;

/**
 * The channel's token, opened; none (so the signature fails, 403) when it does not open here: the
 * start checks every stored token, so only a token sealed since by a server with another key can.
 */
function tokenOf(
  app: AppServices,
  req: FastifyRequest,
  c: ChannelRow | undefined,
): string | null | undefined {
  try {
    return c ? openToken(app.secrets, c.storedAuthToken) : undefined;
  } catch (err) {
    if (!(err instanceof SecretError)) throw err;
    req.log.error(`A Twilio webhook's channel token does not open with this server's key: ${err.message}`);
    return null;
  }
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
    assertSigned(tokenOf(app, req, c), signedUrl(app, req), params, req.headers['x-twilio-signature']);
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
 * A signed Twilio webhook. The signature is checked first, against the channel found by the
 * `signer` number (To for inbound webhooks, From for delivery receipts), so a forged request never
 * reaches a transaction. `handle` then runs in a group-committed intake transaction and answers
 * the TwiML; the answer leaves only after the commit. `together`: the batch may run it beside its
 * other contacts (inbound texts: they are written by one statement per batch, receive-texts.ts).
 */
const hook = (
  url: string,
  summary: string,
  kind: ChannelKind,
  signer: 'To' | 'From',
  handle: (input: HookInput & { trx: Tx; channel: ChannelRow; arrivedAt: string }) => Promise<string>,
  together = false,
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
      const arrivedAt = arrivalTime();
      const params = input.body as TwilioParams;
      const number = fields(params, [signer])[signer];
      // Not inside a transaction (a manual route's `trx` is the database itself).
      const channel = await signedChannel(
        input.trx,
        input.app,
        input.req,
        params,
        kind,
        normalisePhone(number) ?? number,
      );
      const answer = await inIntakeBatch(
        input.app.database,
        (trx) => handle({ ...input, trx, channel, arrivedAt }),
        {
          together,
        },
      );
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
    'text',
    'To',
    async ({ body, trx, who, channel, arrivedAt }) => {
      const params = body as TwilioParams;
      const f = fields(params, ['MessageSid', 'From', 'To'], ['Body', 'NumMedia']);
      const answer = await receiveSms(trx, who, {
        hotlineId: channel.hotlineId,
        messageSid: f.MessageSid,
        from: f.From,
        to: f.To,
        body: (f.Body ?? '').slice(0, 10_000),
        numMedia: duration(f.NumMedia) ?? 0,
        arrivedAt,
      });
      return answer;
    },
    true,
  ),
  hook(
    '/hooks/twilio/sms/status',
    "Delivery status of an advocate's text (Twilio status callback)",
    // Status callbacks for outbound texts come with the hotline's number as From.
    'text',
    'From',
    async ({ body, trx, channel }) => {
      const params = body as TwilioParams;
      const f = fields(params, ['MessageSid', 'MessageStatus']);
      await recordSmsStatus(trx, channel.hotlineId, f.MessageSid, f.MessageStatus);
      return EMPTY;
    },
  ),
  hook(
    '/hooks/twilio/voice',
    'Incoming call (Twilio Voice webhook): shows in the inbox while ringing, dials advocates',
    'phone',
    'To',
    async ({ body, trx, who, channel }) => {
      const params = body as TwilioParams;
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
    'phone',
    'To',
    async ({ body, trx, who, channel }) => {
      const params = body as TwilioParams;
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
