/** The inbox API: list, read (audited), reply, log a call, attachments, and live updates (SSE). */
import { defineRoute, type AnyRoute } from '../../platform/http/route';
import { notFound } from '../../platform/errors';
import { recordAudit } from '../../platform/audit/audit';
import { logCall, readSignal, replyToSignal } from './inbox';
import {
  AttachmentParams,
  CallLogBody,
  CallLogResult,
  IdParams,
  InboxPage,
  InboxQuery,
  ReplyBody,
  ReplyResult,
  SignalView,
} from './inbox-schema';
import { streamInbox } from './live';
import { intakePolicies as policies } from './policy';
import { findAttachment, listSignals } from './store';

export const inboxRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/signals',
    summary: 'The inbox: signals from every channel, newest first, filtered by channel, status and state',
    tags: ['intake'],
    policy: policies.inbox,
    audit: { kind: 'service' },
    query: InboxQuery,
    response: InboxPage,
    handler: async ({ query, actor, trx, who }) => {
      const page = await listSignals(trx, actor.hotlineId, query);
      await recordAudit(trx, who, {
        action: 'signals.listed',
        subjectType: 'signal',
        details: {
          count: page.signals.length,
          filters: { channel: query.channel, status: query.status, state: query.state },
        },
      });
      return page;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/signals/live',
    summary: 'Server-Sent Events: one event per new or changed signal of the hotline (ids only)',
    tags: ['intake'],
    policy: policies.inbox,
    audit: { kind: 'not-personal', reason: 'sends ids and channels only; reading a signal is audited' },
    response: 'raw',
    handler: async ({ actor, req, reply, app }) => streamInbox(app, actor, req, reply),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/signals/:id',
    summary: 'Read a signal: who, where, what was said, its thread, attachments',
    tags: ['intake'],
    policy: policies.inbox,
    audit: { kind: 'auto', action: 'signal.read', subjectType: 'signal' },
    params: IdParams,
    response: SignalView,
    handler: async ({ params, actor, trx }) => readSignal(trx, actor, params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/signals/:id/attachments/:attachmentId',
    summary: "Download an email's attachment",
    tags: ['intake'],
    policy: policies.inbox,
    audit: { kind: 'auto', action: 'signal.attachment_read', subjectType: 'signal' },
    params: AttachmentParams,
    response: 'raw',
    handler: async ({ params, actor, trx, reply }) => {
      const a = await findAttachment(trx, actor.hotlineId, params.id, params.attachmentId);
      if (!a) throw notFound('attachment');
      const safeName = a.filename.replace(/[^\w.-]+/g, '_');
      // Always a download, never rendered in the console's origin.
      return reply
        .header('content-disposition', `attachment; filename="${safeName}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .type('application/octet-stream')
        .send(a.data);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/signals/:id/replies',
    summary: 'Reply on the signal’s channel (text or email)',
    tags: ['intake'],
    policy: policies.inbox,
    audit: { kind: 'service' },
    params: IdParams,
    body: ReplyBody,
    response: ReplyResult,
    successStatus: 201,
    handler: async ({ params, body, actor, trx, who, app }) =>
      replyToSignal(trx, who, actor, {
        signalId: params.id,
        body: body.body,
        publicUrl: app.config.publicUrl,
        secrets: app.secrets,
      }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/signals/calls',
    summary: 'Log a phone call (a new phone signal, or notes on a ringing call the webhook recorded)',
    tags: ['intake'],
    policy: policies.inbox,
    audit: { kind: 'auto', action: 'signal.call_logged', subjectType: 'signal' },
    body: CallLogBody,
    response: CallLogResult,
    successStatus: 201,
    handler: async ({ body, actor, trx, who }) => logCall(trx, who, actor, body),
  }),
];
