/**
 * A throwaway PostgreSQL cluster for the intake benchmark. Unlike the test cluster it keeps
 * PostgreSQL's durable defaults (fsync and synchronous_commit on): a signal counted here has
 * reached the disk before it was acknowledged.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

function findBin(name: string): string {
  for (const v of ['17', '16', '15']) {
    const candidate = `/usr/lib/postgresql/${v}/bin/${name}`;
    if (spawnSync('test', ['-x', candidate]).status === 0) return candidate;
  }
  return name;
}

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });

export async function startDurableCluster(): Promise<{ url: string; stop(): void }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-pg-'));
  const data = path.join(dir, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const run = (bin: string, args: string[]): void => {
    execFileSync(asRoot ? 'runuser' : bin, asRoot ? ['-u', 'postgres', '--', bin, ...args] : args, {
      stdio: 'pipe',
    });
  };
  if (asRoot) {
    chmodSync(dir, 0o755);
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
    chownSync(dir, id('-u'), id('-g'));
  }
  run(findBin('initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8']);
  run(findBin('pg_ctl'), [
    '-D',
    data,
    '-l',
    path.join(dir, 'log'),
    '-w',
    'start',
    '-o',
    `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=on -c synchronous_commit=on -c max_connections=100`,
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run(findBin('pg_ctl'), ['-D', data, '-m', 'fast', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
