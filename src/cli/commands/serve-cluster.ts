/**
 * `waymark serve --workers N`: N server processes (node:cluster) sharing the HTTP port, for a
 * PostgreSQL database only (the embedded one belongs to a single process). The primary brings the
 * schema up to date and prints the one-time setup link before any worker starts; it serves nothing
 * itself and starts a worker again if one dies. Worker 1 alone runs the SMTP listener (one process
 * may own its port) and the referral reminders; see docs/operations.md.
 */
import cluster, { type Worker } from 'node:cluster';
import { issueSetupLink } from '../../features/accounts/setup';
import { sealStoredTokens } from '../../features/intake/channel-secrets';
import type { Config } from '../../platform/config';
import { FatalError } from '../../platform/errors';
import { loadSecretBox } from '../../platform/secrets/keys';
import { describeDatabase, openMigrated } from '../open';

export const MAX_WORKERS = 16;

/** The worker count asked for (`--workers`, else WAYMARK_WORKERS, else 1). */
export function workerCount(option: number | undefined, env: NodeJS.ProcessEnv): number {
  const raw = option ?? (env.WAYMARK_WORKERS ? Number(env.WAYMARK_WORKERS) : 1);
  if (!Number.isInteger(raw) || raw < 1 || raw > MAX_WORKERS)
    throw new FatalError(`--workers (or WAYMARK_WORKERS) must be a whole number from 1 to ${MAX_WORKERS}`);
  return raw;
}

/**
 * How long to wait before starting a stopped worker again: 1 s, then twice as long after each stop
 * that came within QUICK_STOP_MS of its start (a port taken, a database refusing), up to a minute,
 * so that a worker that cannot start does not spin; a worker that ran a while starts at once again.
 */
const QUICK_STOP_MS = 10_000;
export function restartDelay(quickStops: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, quickStops));
}

/** Which worker this process is: 1 when it runs alone. */
export const workerIndex = (): number =>
  cluster.isWorker ? Number(process.env.WAYMARK_WORKER_INDEX ?? 1) : 1;

export async function runPrimary(config: Config, workers: number): Promise<void> {
  if (!config.databaseUrl)
    throw new FatalError(
      '--workers needs PostgreSQL (DATABASE_URL): the embedded database can be opened by one process only',
    );
  const { database, applied } = await openMigrated(config, 'waymark serve');
  let link: string | undefined;
  try {
    // A key that does not open the stored tokens stops the start here, once, before any worker
    // (each worker would otherwise stop on it and be started again without end).
    await sealStoredTokens(database.db, loadSecretBox(config));
    link = await issueSetupLink(database.db, config.publicUrl);
  } finally {
    await database.close();
  }
  if (applied.length) console.log(`Database updated: ${applied.join(', ')}`);

  let closing = false;
  const byWorker = new Map<Worker, { index: number; startedAt: number }>();
  const quickStops = new Map<number, number>();
  const fork = (index: number): void => {
    const w = cluster.fork({ WAYMARK_WORKER_INDEX: String(index) });
    byWorker.set(w, { index, startedAt: Date.now() });
  };
  cluster.on('exit', (w, code, signal) => {
    const { index, startedAt } = byWorker.get(w) ?? { index: 0, startedAt: 0 };
    byWorker.delete(w);
    if (closing) {
      if (byWorker.size === 0) process.exit(0);
      return;
    }
    const quick = Date.now() - startedAt < QUICK_STOP_MS ? (quickStops.get(index) ?? 0) : 0;
    const delay = restartDelay(quick);
    quickStops.set(index, quick + 1);
    console.error(
      `waymark: worker ${index} stopped (${signal ?? `exit ${code}`}); starting it again in ${delay / 1000} s`,
    );
    setTimeout(() => fork(index), delay);
  });
  let listening = 0;
  cluster.on('listening', () => {
    if (++listening !== workers) return;
    console.log(
      `Waymark is running at ${config.publicUrl} on ${describeDatabase(config, database)}, ${workers} processes.`,
    );
    if (link) {
      console.log('\nNo accounts yet. Open this one-time link to create the first admin (valid 24 hours):');
      console.log(`  ${link}\n`);
    }
  });
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    if (byWorker.size === 0) process.exit(0);
    for (const w of byWorker.keys()) w.process.kill('SIGTERM');
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  for (let i = 1; i <= workers; i++) fork(i);
}
