/**
 * `waymark serve --workers N`: N server processes (node:cluster) sharing the HTTP port, for a
 * PostgreSQL database only (the embedded one belongs to a single process). The primary brings the
 * schema up to date and prints the one-time setup link before any worker starts; it serves nothing
 * itself and starts a worker again if one dies. Worker 1 alone runs the SMTP listener (one process
 * may own its port) and the referral reminders; see docs/operations.md.
 */
import cluster, { type Worker } from 'node:cluster';
import { issueSetupLink } from '../../features/accounts/setup';
import type { Config } from '../../platform/config';
import { FatalError } from '../../platform/errors';
import { describeDatabase, openMigrated } from '../open';

export const MAX_WORKERS = 16;

/** The worker count asked for (`--workers`, else WAYMARK_WORKERS, else 1). */
export function workerCount(option: number | undefined, env: NodeJS.ProcessEnv): number {
  const raw = option ?? (env.WAYMARK_WORKERS ? Number(env.WAYMARK_WORKERS) : 1);
  if (!Number.isInteger(raw) || raw < 1 || raw > MAX_WORKERS)
    throw new FatalError(`--workers (or WAYMARK_WORKERS) must be a whole number from 1 to ${MAX_WORKERS}`);
  return raw;
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
    link = await issueSetupLink(database.db, config.publicUrl);
  } finally {
    await database.close();
  }
  if (applied.length) console.log(`Database updated: ${applied.join(', ')}`);

  let closing = false;
  const byWorker = new Map<Worker, number>();
  const fork = (index: number): void => {
    const w = cluster.fork({ WAYMARK_WORKER_INDEX: String(index) });
    byWorker.set(w, index);
  };
  cluster.on('exit', (w, code, signal) => {
    const index = byWorker.get(w) ?? 0;
    byWorker.delete(w);
    if (closing) {
      if (byWorker.size === 0) process.exit(0);
      return;
    }
    console.error(`waymark: worker ${index} stopped (${signal ?? `exit ${code}`}); starting it again`);
    setTimeout(() => fork(index), 1000).unref();
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
