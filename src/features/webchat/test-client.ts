/**
 * A webchat client for tests and the benchmark: a real `ws` socket that keeps every event it
 * receives, so a test can wait for "the next queue event" without racing the server.
 */
import { currentTotp } from '../accounts/totp';
import { WebSocket } from 'ws';

export interface ChatEvent {
  type: string;
  [key: string]: unknown;
}

export class ChatClient {
  readonly events: ChatEvent[] = [];
  /** Events already handed out; each is returned once, so several chats can share one socket. */
  private taken = new Set<number>();
  private wake: Array<() => void> = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.events.push(JSON.parse(data.toString('utf8')) as ChatEvent);
      for (const w of this.wake.splice(0)) w();
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        for (const w of this.wake.splice(0)) w();
      });
    });
  }

  static open(url: string, path: string, headers: Record<string, string> = {}): Promise<ChatClient> {
    const socket = new WebSocket(url.replace(/^http/, 'ws') + path, { headers });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new ChatClient(socket)));
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      socket.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The oldest event of this type not yet taken that matches; waits up to `timeoutMs`. */
  async next(
    type: string,
    match: (e: ChatEvent) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<ChatEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let i = 0; i < this.events.length; i++) {
        const e = this.events[i]!;
        if (!this.taken.has(i) && e.type === type && match(e)) {
          this.taken.add(i);
          return e;
        }
      }
      const left = deadline - Date.now();
      if (left <= 0 || this.socket.readyState === WebSocket.CLOSED) {
        throw new Error(`no ${type} event; got ${this.events.map((e) => e.type).join(',')}`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.wake.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.socket.close();
  }
}

/** Signs in over HTTP as a person would (password, then enrolment), returning the session cookie. */
export async function signInOverHttp(url: string, email: string, password: string): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  const setCookie = login.headers.getSetCookie().find((c) => c.startsWith('wm_session='));
  if (!setCookie) throw new Error('no session cookie');
  const cookie = setCookie.split(';')[0]!;
  const { stage } = (await login.json()) as { stage: string };
  if (stage === 'enrol') {
    const enrol = await fetch(`${url}/api/auth/enrolment`, { method: 'POST', headers: { cookie } });
    const { secret } = (await enrol.json()) as { secret: string };
    const done = await fetch(`${url}/api/auth/enrolment/confirm`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ code: currentTotp(secret) }),
    });
    if (done.status !== 200) throw new Error(`enrolment failed: ${done.status}`);
  }
  return cookie;
}
