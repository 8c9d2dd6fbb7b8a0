/**
 * What the kill -9 crash tests share: the built `waymark serve` started on a data folder of its
 * own (PGlite), or with WAYMARK_TEST_PG=1 on a throwaway PostgreSQL with its durable defaults; a
 * way to open the same database from the test; and the process's end awaited.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../src/platform/db/database';
import { migrate } from '../../src/platform/db/migrate';
import { projectRoot } from '../../src/platform/paths';
import { startCluster, type Cluster } from '../../test/pg-cluster';

export { freePort } from '../../test/pg-cluster';

export interface CrashRig {
  /** The database the server uses, opened from the test (the server must not be running on PGlite). */
  open(purpose: string): Promise<Database>;
  /** `waymark serve` on `port`, answered once it is ready; a process that dies while starting throws. */
  serve(port: number, env?: Record<string, string>): Promise<ChildProcess>;
  /** Kills a server still running and removes the data folder and the cluster. */
  dispose(child: ChildProcess | undefined): Promise<void>;
}

export const exited = (proc: ChildProcess): Promise<void> =>
  new Promise((resolve) =>
    proc.exitCode !== null || proc.signalCode !== null ? resolve() : proc.once('exit', () => resolve()),
  );

/** Builds the server, makes the database and migrates it; `seed` adds what the test needs. */
export async function crashRig(name: string, seed: (database: Database) => Promise<void>): Promise<CrashRig> {
  execFileSync('npm', ['run', 'build:server'], { cwd: projectRoot, stdio: 'ignore' });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `waymark-${name}-`));
  const cluster: Cluster | undefined =
    process.env.WAYMARK_TEST_PG === '1' ? await startCluster({ durable: true }) : undefined;
  const open = (purpose: string): Promise<Database> =>
    cluster ? openDatabase({ dataDir: '', databaseUrl: cluster.url }) : openDatabase({ dataDir, purpose });

  const database = await open('crash test set-up');
  await migrate(database.db);
  await seed(database);
  await database.close();

  return {
    open,
    async serve(port, env = {}) {
      const proc = spawn(process.execPath, ['bin/waymark.js', 'serve'], {
        cwd: projectRoot,
        env: {
          ...process.env,
          WAYMARK_DATA_DIR: dataDir,
          WAYMARK_PUBLIC_URL: `http://127.0.0.1:${port}`,
          PORT: String(port),
          HOST: '127.0.0.1',
          WAYMARK_SMTP_PORT: '0',
          WAYMARK_LOG_LEVEL: 'silent',
          DATABASE_URL: cluster?.url ?? '',
          ...env,
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let gone = false;
      proc.once('exit', () => (gone = true));
      for (;;) {
        if (gone) throw new Error('waymark serve exited while starting');
        const ok = await fetch(`http://127.0.0.1:${port}/api/health`)
          .then((r) => r.ok)
          .catch(() => false);
        if (ok) return proc;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async dispose(child) {
      if (child && child.exitCode === null) {
        child.kill('SIGKILL');
        await exited(child);
      }
      rmSync(dataDir, { recursive: true, force: true });
      cluster?.stop();
    },
  };
}
