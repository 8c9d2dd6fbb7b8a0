import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { FatalError } from '../errors';

export interface FolderLock {
  release(): void;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is a single-process database: two processes writing one folder would corrupt it.
 * The lock file names its holder so that the second process can say who holds it.
 * A lock left by a process that no longer runs (a crash, kill -9) is taken over.
 */
export function lockDataFolder(dir: string, purpose: string): FolderLock {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'waymark.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, purpose, since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        try {
          const holder = JSON.parse(readFileSync(file, 'utf8')) as { pid?: number };
          if (holder.pid === process.pid) rmSync(file, { force: true });
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let holder: { pid?: number; purpose?: string } = {};
      try {
        holder = JSON.parse(readFileSync(file, 'utf8')) as typeof holder;
      } catch {
        /* unreadable lock file: treat as stale */
      }
      if (typeof holder.pid === 'number' && holder.pid !== process.pid && processAlive(holder.pid)) {
        throw new FatalError(
          `The data folder ${dir} is in use by process ${holder.pid} (${holder.purpose ?? 'waymark'}). ` +
            'Stop that process first, or point WAYMARK_DATA_DIR at another folder.',
        );
      }
      if (holder.pid === process.pid) {
        throw new FatalError(`The data folder ${dir} is already open in this process.`);
      }
      rmSync(file, { force: true });
    }
  }
  throw new FatalError(`Could not lock the data folder ${dir}.`);
}
