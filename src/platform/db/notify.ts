import pg from 'pg';
import { sql } from 'kysely';
import type { Database } from './database';
import type { Queryable } from './transaction';

/**
 * Messages between Waymark processes that share one PostgreSQL (a chat message reaching the
 * advocate connected to another server, a new signal reaching every open inbox). Published with
 * pg_notify inside the writer's transaction, so listeners hear of a change only once it is committed.
 */
export interface Notifier {
  subscribe(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const CHANNEL = /^[a-z][a-z0-9_]{0,62}$/;

/** PostgreSQL caps a payload at 8000 bytes: send ids and small facts, and let listeners read the rest. */
export async function publish(q: Queryable, channel: string, payload: unknown): Promise<void> {
  if (!CHANNEL.test(channel)) throw new Error(`Bad channel name ${channel}`);
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  if (Buffer.byteLength(text) > 7900) throw new Error(`Notification on ${channel} is too large`);
  await sql`select pg_notify(${channel}, ${text})`.execute(q);
}

type Handlers = Map<string, Set<(payload: string) => void>>;

function dispatch(handlers: Handlers, channel: string, payload: string): void {
  for (const h of handlers.get(channel) ?? []) {
    try {
      h(payload);
    } catch {
      /* one listener's failure must not stop the others */
    }
  }
}

export function createNotifier(database: Database): Notifier {
  const handlers: Handlers = new Map();
  if (database.pglite) {
    const pglite = database.pglite;
    const unlisten = new Map<string, () => Promise<void>>();
    return {
      subscribe: async (channel, handler) => {
        if (!CHANNEL.test(channel)) throw new Error(`Bad channel name ${channel}`);
        let set = handlers.get(channel);
        if (!set) {
          set = new Set();
          handlers.set(channel, set);
          unlisten.set(channel, await pglite.listen(channel, (p) => dispatch(handlers, channel, p)));
        }
        set.add(handler);
        return async () => {
          set.delete(handler);
        };
      },
      close: async () => {
        for (const stop of unlisten.values()) await stop().catch(() => undefined);
        handlers.clear();
      },
    };
  }
  return postgresNotifier(database.url ?? '', handlers);
}

/**
 * One dedicated connection LISTENs for the whole process; it connects again a second after it drops
 * or after a connection attempt fails.
 */
function postgresNotifier(url: string, handlers: Handlers): Notifier {
  let client: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let closed = false;

  const connect = async (): Promise<pg.Client> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => dispatch(handlers, n.channel, n.payload ?? ''));
    c.on('error', () => {
      client = undefined;
      connecting = undefined;
      if (!closed) setTimeout(() => void ensure().catch(() => undefined), 1000);
    });
    try {
      await c.connect();
      for (const channel of handlers.keys()) await c.query(`listen ${channel}`);
    } catch (err) {
      // The server could not be reached (not up yet, restarting): try again in a second, so that
      // the process listens as soon as it can instead of never.
      connecting = undefined;
      void c.end().catch(() => undefined);
      if (!closed) setTimeout(() => void ensure().catch(() => undefined), 1000).unref();
      throw err;
    }
    client = c;
    return c;
  };
  const ensure = async (): Promise<pg.Client> => client ?? (connecting ??= connect());

  return {
    subscribe: async (channel, handler) => {
      if (!CHANNEL.test(channel)) throw new Error(`Bad channel name ${channel}`);
      let set = handlers.get(channel);
      const fresh = !set;
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
      }
      set.add(handler);
      const c = await ensure();
      if (fresh) await c.query(`listen ${channel}`);
      return async () => {
        set.delete(handler);
      };
    },
    close: async () => {
      closed = true;
      handlers.clear();
      await client?.end().catch(() => undefined);
    },
  };
}
