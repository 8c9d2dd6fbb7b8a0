/**
 * Live inbox over Server-Sent Events. The stream holds no transaction and no database connection:
 * it relays the notifier's `intake_signals` events (ids only) for the caller's hotline.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor';
import type { AppServices } from '../../platform/http/route';
import { SIGNALS_CHANNEL, type SignalEvent } from './service';

const HEARTBEAT_MS = 25_000;

export async function streamInbox(
  app: AppServices,
  actor: Actor,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-content-type-options': 'nosniff',
    'x-accel-buffering': 'no',
  });
  let closed = false;
  req.raw.on('close', () => (closed = true));
  let unsubscribe: () => Promise<void>;
  try {
    unsubscribe = await app.notifier.subscribe(SIGNALS_CHANNEL, (payload) => {
      let event: SignalEvent;
      try {
        event = JSON.parse(payload) as SignalEvent;
      } catch {
        return;
      }
      if (event.hotlineId !== actor.hotlineId) return;
      res.write(
        `event: signal\ndata: ${JSON.stringify({ signalId: event.signalId, channel: event.channel, event: event.event })}\n\n`,
      );
    });
  } catch {
    // No LISTEN connection: end the stream; EventSource reconnects after `retry`.
    res.end();
    return reply;
  }
  if (closed) {
    await unsubscribe();
    return reply;
  }
  // Said only once LISTEN is in place, so a client that waits for it misses nothing after it.
  res.write('retry: 3000\n: connected\n\n');
  const beat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  req.raw.on('close', () => {
    clearInterval(beat);
    void unsubscribe();
  });
  return reply;
}
