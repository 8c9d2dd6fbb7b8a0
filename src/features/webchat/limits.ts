/**
 * Per-connection limits: a frame larger than the limit closes the socket (1009); a client that
 * sends faster than its allowance is told to slow down, and closed (1008) if it keeps on.
 * Frames from one connection are handled one after another, so messages commit in the order sent.
 */
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { ErrorCode } from './schema';

export const CLOSE_POLICY = 1008;
export const CLOSE_TOO_BIG = 1009;
export const CLOSE_NORMAL = 1000;

export interface FrameLimits {
  maxBytes: number;
  /** Frames a connection may send at once ... */
  burst: number;
  /** ... and per second after that. */
  perSecond: number;
  /** Frames refused for speed before the connection is closed. */
  strikes: number;
}

export const VISITOR_LIMITS: FrameLimits = { maxBytes: 16 * 1024, burst: 20, perSecond: 5, strikes: 30 };
export const ADVOCATE_LIMITS: FrameLimits = { maxBytes: 16 * 1024, burst: 40, perSecond: 10, strikes: 60 };

export class FrameError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Reads one frame as JSON and checks it against the schema; never throws anything but FrameError. */
export function parseFrame<T>(schema: z.ZodType<T>, raw: string): T {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new FrameError('malformed_json', 'That was not JSON.');
  }
  const result = schema.safeParse(data);
  if (!result.success) throw new FrameError('bad_frame', 'That message was not understood.');
  return result.data;
}

/**
 * Control characters have no place in a chat line, and would bloat the notification payload; a
 * lone surrogate (sent as a JSON escape) becomes U+FFFD, so that a full-length line always fits
 * in one notification.
 */
export function cleanText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
  );
}

export function guardFrames(
  socket: WebSocket,
  limits: FrameLimits,
  handlers: {
    onFrame: (raw: string) => Promise<void>;
    onRefused: (code: ErrorCode, message: string) => void;
  },
): void {
  let tokens = limits.burst;
  let last = Date.now();
  let strikes = 0;
  let chain: Promise<void> = Promise.resolve();

  socket.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
    const bytes = Array.isArray(data)
      ? data.reduce((n, b) => n + b.length, 0)
      : data instanceof ArrayBuffer
        ? data.byteLength
        : data.length;
    if (bytes > limits.maxBytes) {
      socket.close(CLOSE_TOO_BIG, 'Message too big');
      return;
    }
    const now = Date.now();
    tokens = Math.min(limits.burst, tokens + ((now - last) / 1000) * limits.perSecond);
    last = now;
    if (tokens < 1) {
      strikes++;
      if (strikes >= limits.strikes) {
        socket.close(CLOSE_POLICY, 'Too many messages');
        return;
      }
      handlers.onRefused('slow_down', 'Too many messages. Please wait a moment.');
      return;
    }
    tokens -= 1;
    if (isBinary) {
      handlers.onRefused('bad_frame', 'Send text frames only.');
      return;
    }
    const raw = Array.isArray(data)
      ? Buffer.concat(data).toString('utf8')
      : Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('utf8');
    chain = chain.then(() => handlers.onFrame(raw));
  });
}

/** Pings idle connections so that a vanished client (a phone that lost signal) is noticed. */
export function keepAlive(socket: WebSocket, everyMs = 30_000): void {
  let alive = true;
  socket.on('pong', () => (alive = true));
  const timer = setInterval(() => {
    if (!alive) {
      socket.terminate();
      return;
    }
    alive = false;
    socket.ping();
  }, everyMs);
  timer.unref();
  socket.on('close', () => clearInterval(timer));
}

/** Sends JSON when the socket is open; a closed socket just misses the event. */
export function sender<T>(socket: WebSocket): (event: T) => void {
  return (event) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(event));
  };
}
