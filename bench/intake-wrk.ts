/**
 * The intake benchmark's saturation load from `wrk` (Debian package `wrk`), a C load generator that
 * costs the two cores far less than a Node one. Every request is built beforehand by the benchmark
 * (SMS bodies signed with Twilio's library) into a file that bench/intake.lua reads and cycles
 * through. wrk runs for a duration, not a count, so the file holds more requests than it can send.
 * wrk has no fixed arrival rate (that is wrk2, not packaged in Debian): the fixed-rate part of the
 * benchmark stays with the Node generator.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { projectRoot } from '../src/platform/paths';

export interface PreparedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface WrkResult {
  done: number;
  ok: number;
  perSecond: number;
  p50: number;
  p99: number;
}

export const wrkAvailable = (): boolean => spawnSync('wrk', ['--version']).error === undefined;

/** One request per line: method, path, content type, Twilio signature, body (tab-separated). */
export async function writeRequests(
  file: string,
  count: number,
  make: (i: number) => PreparedRequest,
): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; i < count; i++) {
    const r = make(i);
    const line = [
      r.method,
      r.path,
      r.headers['content-type'] ?? '',
      r.headers['x-twilio-signature'] ?? '',
      r.body ?? '',
    ].join('\t');
    if (/[\t\n]/.test(r.body ?? '')) throw new Error('a prepared body may not hold a tab or a newline');
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Runs wrk for `seconds` with `connections` connections on one thread against the prepared file. */
export async function runWrk(
  port: number,
  file: string,
  seconds: number,
  connections: number,
): Promise<WrkResult> {
  const script = path.join(projectRoot, 'bench', 'intake.lua');
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', script];
  args.push(`http://127.0.0.1:${port}`, '--', file);
  const proc = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let text = '';
  proc.stdout.on('data', (d: Buffer) => (text += d.toString()));
  const [code] = (await once(proc, 'exit')) as [number | null];
  const line = text.split('\n').find((l) => l.startsWith('WRKJSON '));
  if (code !== 0 || !line) throw new Error(`wrk failed (exit ${code}):\n${text}`);
  const j = JSON.parse(line.slice('WRKJSON '.length)) as Record<string, number>;
  const n = (k: string): number => j[k] ?? 0;
  const failed = n('status') + n('connect') + n('read') + n('write') + n('timeout');
  const ok = n('requests') - failed;
  return {
    done: n('requests'),
    ok,
    perSecond: ok / (n('duration') / 1e6),
    p50: n('p50') / 1000,
    p99: n('p99') / 1000,
  };
}
