/**
 * CPU time, from /proc, of a process and everything under it (a `waymark serve` and its workers,
 * a PostgreSQL postmaster and its backends): where a benchmark's two cores went, per request.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

const read = (file: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

/** user + system seconds of one process (fields 14 and 15 of /proc/PID/stat). */
function ownCpu(pid: number): number {
  const stat = read(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / TICKS;
}

function children(pid: number): number[] {
  const out: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`, { withFileTypes: true }).map((d) => d.name)) {
    for (const c of read(`/proc/${pid}/task/${task}/children`).split(' ')) if (c.trim()) out.push(Number(c));
  }
  return out;
}

/** CPU seconds of `pid` and its descendants now alive. */
export function treeCpu(pid: number | undefined): number {
  if (!pid) return 0;
  let total = 0;
  const todo = [pid];
  while (todo.length) {
    const p = todo.pop()!;
    total += ownCpu(p);
    try {
      todo.push(...children(p));
    } catch {
      /* it ended meanwhile */
    }
  }
  return total;
}

/** The postmaster listening on `port` (its command line names the port). */
export function postmasterOn(port: number): number | undefined {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const args = read(`/proc/${name}/cmdline`).split('\0');
    if (args[0]?.endsWith('/postgres') && args.join(' ').includes(`-p ${port} `)) return Number(name);
  }
  return undefined;
}
