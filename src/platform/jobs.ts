import PgBoss from 'pg-boss';
import type { Database } from './db/database';

/**
 * Background work kept in PostgreSQL (pg-boss), so there is nothing else to run. It shares the
 * application's pool: on the embedded engine that is the one connection, so jobs queue behind
 * requests rather than compete with them.
 */
export interface Jobs {
  readonly boss: PgBoss;
  /** Declares a queue and its worker; call before or after start(). */
  work<T extends object>(
    queue: string,
    handler: (data: T) => Promise<void>,
    options?: { pollingIntervalSeconds?: number },
  ): Promise<void>;
  send<T extends object>(queue: string, data: T, options?: PgBoss.SendOptions): Promise<string | null>;
  /** Runs `queue` on a cron schedule (UTC), e.g. every five minutes: '*\/5 * * * *'. */
  schedule(queue: string, cron: string): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** unique_violation, duplicate_schema, duplicate_table, duplicate_object: a concurrent create won. */
const CREATE_RACE_CODES = new Set(['23505', '42P06', '42P07', '42710']);

export function createJobs(database: Database): Jobs {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values: unknown[]) => database.pool.query(text, values) },
    schema: 'pgboss',
    migrate: true,
    supervise: true,
    schedule: true,
  });
  // A failing job is retried by pg-boss and visible in its tables; it must never take the process down.
  boss.on('error', () => undefined);
  const queues = new Set<string>();
  const ensureQueue = async (name: string): Promise<void> => {
    if (queues.has(name)) return;
    await boss.createQueue(name);
    queues.add(name);
  };
  const pending: Array<() => Promise<void>> = [];
  let started = false;
  const whenStarted = async (fn: () => Promise<void>): Promise<void> => {
    if (started) await fn();
    else pending.push(fn);
  };
  return {
    boss,
    work: (queue, handler, options) =>
      whenStarted(async () => {
        await ensureQueue(queue);
        await boss.work<object>(
          queue,
          { pollingIntervalSeconds: options?.pollingIntervalSeconds ?? 2 },
          async (jobs) => {
            for (const job of jobs) await handler(job.data as never);
          },
        );
      }),
    send: async (queue, data, options) => {
      await ensureQueue(queue);
      return boss.send(queue, data, options ?? {});
    },
    schedule: (queue, cron) =>
      whenStarted(async () => {
        await ensureQueue(queue);
        await boss.schedule(queue, cron, {}, { tz: 'UTC' });
      }),
    start: async () => {
      // Two servers starting together on a fresh database race to create pg-boss's schema; the
      // loser's "already exists" error is harmless once the winner has finished, so try again
      // briefly. Any other error (a database that cannot be reached, say) is reported at once.
      for (let attempt = 1; ; attempt++) {
        try {
          await boss.start();
          break;
        } catch (err) {
          if (attempt >= 5 || !CREATE_RACE_CODES.has((err as { code?: string }).code ?? '')) throw err;
          await new Promise((r) => setTimeout(r, 250 * attempt));
        }
      }
      started = true;
      for (const fn of pending.splice(0)) await fn();
    },
    stop: async () => {
      if (started) await boss.stop({ graceful: true, wait: true, timeout: 5000 });
      started = false;
    },
  };
}
