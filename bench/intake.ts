/**
 * Intake benchmark: `waymark serve` (built) on PGlite and on a durable PostgreSQL, loaded over
 * loopback. Reports signals/s and p50/p99 for the webform API and the SMS webhook, with /api/ping
 * (no database) in the same run and from the same generator. Saturation load comes from `wrk` for
 * `--seconds` when it is installed (bench/intake-wrk.ts), else from this process for `--requests`;
 * the fixed-rate part always from this process. Bounded; 127.0.0.1 only.
 *
 *   npm run bench:intake -- [--requests 4000] [--seconds 8] [--concurrency 32] [--rate 500]
 *     [--engines pglite,postgres] [--workers 1] [--generator wrk|node] [--cpu-prof DIR]
 *
 * `--cpu-prof DIR`: the server runs under `node --cpu-prof`, and writes its profile to DIR when
 * it stops (open it in Chrome's DevTools, or read its `nodes` and `samples`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { upsertChannel } from '../src/features/intake/channels';
import twilio from 'twilio';
import { insertHotline } from '../src/features/hotlines/store';
import { openDatabase, type Database } from '../src/platform/db/database';
import { migrate } from '../src/platform/db/migrate';
import { projectRoot } from '../src/platform/paths';
import { freePort, startDurableCluster } from './intake-cluster';
import { postmasterOn, treeCpu } from './intake-cpu';
import { runWrk, wrkAvailable, writeRequests } from './intake-wrk';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const REQUESTS = Math.min(Number(arg('requests', '4000')), 50_000);
const CONCURRENCY = Math.min(Number(arg('concurrency', '32')), 256);
const RATE = Math.min(Number(arg('rate', '500')), 5_000);
const RATE_SECONDS = Math.min(Number(arg('rate-seconds', '6')), 60);
const ENGINES = arg('engines', 'pglite,postgres').split(',');
const SECONDS = Math.min(Number(arg('seconds', '8')), 60);
const WORKERS = Math.min(Number(arg('workers', '1')), 8);
const WRK = arg('generator', 'wrk') === 'wrk' && wrkAvailable();
const CPU_PROF = arg('cpu-prof', '');
// Enough prepared requests that wrk never sends one twice (a replayed MessageSid is no new signal).
const PREPARED = Math.round(12_000 * SECONDS);
const TOKEN = 'bench-auth-token';
const NUMBER = '+16015550100';

interface Target {
  port: number;
  publicUrl: string;
}
type Make = (i: number) => { method: string; path: string; headers: Record<string, string>; body?: string };

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

function send(t: Target, r: ReturnType<Make>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: t.port, method: r.method, path: r.path, headers: r.headers, agent },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    if (r.body) req.write(r.body);
    req.end();
  });
}

const scenarios = (t: Target, run: string): Record<string, Make> => ({
  ping: () => ({ method: 'GET', path: '/api/ping', headers: {} }),
  webform: (i) => {
    const body = JSON.stringify({ what: `bench ${run} report ${i}`, state: 'MS', danger: 'no' });
    return {
      method: 'POST',
      path: '/api/public/reports',
      headers: { 'content-type': 'application/json' },
      body,
    };
  },
  sms: (i) => {
    // A new texter each time, so that every text is a new signal (a new conversation).
    const params = {
      MessageSid: `SM${run}${String(i).padStart(8, '0')}`,
      From: `+1601${String(2_000_000 + (i % 7_000_000)).padStart(7, '0')}`,
      To: NUMBER,
      Body: `bench text ${i}`,
      NumMedia: '0',
    };
    return {
      method: 'POST',
      path: '/hooks/twilio/sms',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilio.getExpectedTwilioSignature(
          TOKEN,
          `${t.publicUrl}/hooks/twilio/sms`,
          params,
        ),
      },
      body: new URLSearchParams(params).toString(),
    };
  },
});

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

interface Result {
  done: number;
  ok: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** As fast as CONCURRENCY connections allow. */
async function closedLoop(t: Target, make: Make, n: number): Promise<Result> {
  const lat: number[] = [];
  let next = 0;
  let ok = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) {
        const i = next++;
        const t0 = performance.now();
        const status = await send(t, make(i));
        lat.push(performance.now() - t0);
        if (status >= 200 && status < 300) ok++;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  lat.sort((a, b) => a - b);
  return { done: n, ok, perSecond: ok / seconds, p50: pct(lat, 50), p99: pct(lat, 99) };
}

/** A fixed arrival rate; latency counts from when a request was due, not when it left. */
async function openLoop(t: Target, make: Make, rate: number, seconds: number): Promise<Result> {
  const n = Math.round(rate * seconds);
  const lat: number[] = [];
  let ok = 0;
  const start = performance.now();
  const inflight: Array<Promise<void>> = [];
  for (let i = 0; i < n; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inflight.push(
      send(t, make(i)).then((status) => {
        lat.push(performance.now() - due);
        if (status >= 200 && status < 300) ok++;
      }),
    );
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - start) / 1000;
  lat.sort((a, b) => a - b);
  return { done: n, ok, perSecond: ok / elapsed, p50: pct(lat, 50), p99: pct(lat, 99) };
}

async function seed(database: Database): Promise<void> {
  await migrate(database.db);
  const h = await insertHotline(database.db, { name: 'Bench hotline' });
  await upsertChannel(database.db, { hotlineId: h.id, kind: 'webform', address: 'default' });
  await upsertChannel(database.db, {
    hotlineId: h.id,
    kind: 'text',
    address: NUMBER,
    twilioAuthToken: TOKEN,
  });
}

async function startServer(env: Record<string, string>): Promise<{ proc: ChildProcess; target: Target }> {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const serve = [
    ...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(CPU_PROF)}`] : []),
    'bin/waymark.js',
    'serve',
    ...(WORKERS > 1 ? ['--workers', String(WORKERS)] : []),
  ];
  const proc = spawn(process.execPath, serve, {
    cwd: projectRoot,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      WAYMARK_PUBLIC_URL: publicUrl,
      WAYMARK_SMTP_PORT: '0',
      WAYMARK_LOG_LEVEL: 'warn',
      WAYMARK_REPORT_RATE_LIMIT: '100000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let tries = 0; tries < 600; tries++) {
    const up = await fetch(`${publicUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { proc, target: { port, publicUrl } };
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGKILL');
  throw new Error('waymark serve did not start');
}

const stopServer = (proc: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });

const row = (engine: string, what: string, r: Result): string =>
  `| ${engine} | ${what} | ${r.ok}/${r.done} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} |`;

async function benchEngine(engine: string): Promise<string[]> {
  const rows: string[] = [];
  let env: Record<string, string>;
  let cleanup: () => void;
  let open: () => Promise<Database>;
  let postmaster: number | undefined;
  if (engine === 'pglite') {
    if (WORKERS > 1) throw new Error('--workers needs PostgreSQL: PGlite has one process');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-'));
    env = { WAYMARK_DATA_DIR: dir, DATABASE_URL: '' };
    open = () => openDatabase({ dataDir: dir, purpose: 'bench' });
    cleanup = () => rmSync(dir, { recursive: true, force: true });
  } else {
    const cluster = await startDurableCluster();
    env = { DATABASE_URL: cluster.url };
    postmaster = postmasterOn(Number(new URL(cluster.url).port));
    open = () => openDatabase({ dataDir: '', databaseUrl: cluster.url });
    cleanup = () => cluster.stop();
  }
  try {
    const setup = await open();
    await seed(setup);
    await setup.close();
    const { proc, target } = await startServer(env);
    const run = Date.now().toString(36);
    const s = scenarios(target, run);
    let acked = 0;
    const file = path.join(os.tmpdir(), `waymark-bench-${run}.tsv`);
    try {
      // Warm up the JIT and the connection pool; not counted.
      await closedLoop(target, s.ping!, 500 * WORKERS);
      for (const name of ['ping', 'webform', 'sms'] as const) {
        const warm = await closedLoop(target, (i) => s[name]!(i + 10_000_000), 300 * WORKERS);
        let r: Result;
        if (WRK) await writeRequests(file, name === 'ping' ? 1 : PREPARED, s[name]!);
        const cpu0 = [treeCpu(proc.pid), treeCpu(postmaster)];
        if (WRK) r = await runWrk(target.port, file, SECONDS, CONCURRENCY);
        else r = await closedLoop(target, s[name]!, REQUESTS);
        const cpu = (i: 0 | 1, now: number): string => (((now - cpu0[i]!) * 1000) / r.done).toFixed(2);
        console.error(
          `${engine} ${name}: CPU per request: server ${cpu(0, treeCpu(proc.pid))} ms, PostgreSQL ${cpu(1, treeCpu(postmaster))} ms`,
        );
        if (name !== 'ping') acked += r.ok + warm.ok;
        rows.push(row(engine, `${name}, ${CONCURRENCY} connections (${WRK ? 'wrk' : 'node'})`, r));
      }
      for (const name of ['ping', 'webform', 'sms'] as const) {
        const r = await openLoop(target, (i) => s[name]!(i + 20_000_000), RATE, RATE_SECONDS);
        if (name !== 'ping') acked += r.ok;
        rows.push(row(engine, `${name}, ${RATE}/s offered`, r));
      }
    } finally {
      rmSync(file, { force: true });
      await stopServer(proc);
    }
    const check = await open();
    const stored = await sql<{ n: number }>`select count(*)::int as n from signals`.execute(check.db);
    await check.close();
    console.error(`${engine}: ${acked} acknowledged signals, ${stored.rows[0]?.n ?? 0} stored`);
  } finally {
    cleanup();
  }
  return rows;
}

async function main(): Promise<void> {
  const out = [
    `Intake benchmark: saturation ${WRK ? `from wrk for ${SECONDS} s` : `from Node, ${REQUESTS} requests`} at ${CONCURRENCY} connections; ${RATE}/s for ${RATE_SECONDS} s offered from Node; ${WORKERS} server process(es)`,
    ...(WRK || arg('generator', 'wrk') === 'node'
      ? []
      : [
          'Note: wrk is not installed (apt-get install wrk); the saturation load came from Node, which takes a large share of the CPU.',
        ]),
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    '',
    '| engine | scenario | 2xx/sent | per second | p50 ms | p99 ms |',
    '|---|---|---|---|---|---|',
  ];
  for (const engine of ENGINES) out.push(...(await benchEngine(engine)));
  console.log(out.join('\n'));
  agent.destroy();
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
