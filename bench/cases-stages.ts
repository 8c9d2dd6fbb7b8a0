/**
 * Where a request's time goes: every statement the API sends (classified by its text), the time in
 * Node between them, garbage collection that overlapped the request, and what the database did in
 * the background meanwhile (checkpoints, autovacuum). Used by bench/cases.ts for the case page.
 */
import type { FastifyInstance } from 'fastify';
import { constants, performance, PerformanceObserver } from 'node:perf_hooks';
import pg from 'pg';

type Stage =
  | 'routing'
  | 'session'
  | 'policy'
  | 'begin'
  | 'case'
  | 'timeline'
  | 'audit'
  | 'commit'
  | 'between'
  | 'send'
  | 'reply';
/** `between`: Node between the transaction's statements (the handler, the audit call, pool hand-overs). */
const STAGES: Stage[] = [
  'routing',
  'session',
  'policy',
  'begin',
  'case',
  'timeline',
  'audit',
  'commit',
  'between',
  'send',
  'reply',
];

function classify(text: string): Stage | 'other' {
  if (/^\s*begin/i.test(text)) return 'begin';
  if (/^\s*commit/i.test(text)) return 'commit';
  if (/"sessions"|from "users"/.test(text)) return 'session';
  if (/insert into "audit_events"/.test(text)) return 'audit';
  if (/as "referenceCode"/.test(text)) return 'case';
  if (/'task_completed'/.test(text)) return 'timeline';
  return 'other';
}

interface Trace {
  start: number;
  queries: Array<{ stage: Stage | 'other'; start: number; end: number }>;
  sent?: number;
  end?: number;
}

let current: Trace | undefined;
const gcs: Array<{ start: number; duration: number; major: boolean }> = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0;
    gcs.push({
      start: e.startTime,
      duration: e.duration,
      major: kind === constants.NODE_PERFORMANCE_GC_MAJOR,
    });
  }
});

type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;
const clientProto = pg.Client.prototype as unknown as { query: QueryFn };
const originalQuery = clientProto.query;

/** Starts recording the API's statements (not the plain client's) and GC pauses. */
export function installStageTimer(http: FastifyInstance, plain: pg.Client): void {
  clientProto.query = function (this: pg.Client, ...args: unknown[]) {
    const result = originalQuery.apply(this, args);
    const trace = current;
    if (!trace || this === plain || !(result instanceof Promise)) return result;
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string })?.text ?? '');
    const entry = { stage: classify(text), start: performance.now(), end: 0 };
    trace.queries.push(entry);
    return result.finally(() => {
      entry.end = performance.now();
    });
  };
  http.addHook('onSend', async () => {
    if (current) current.sent = performance.now();
  });
  gcObserver.observe({ entryTypes: ['gc'] });
}

export function stopStageTimer(): void {
  clientProto.query = originalQuery;
  gcObserver.disconnect();
}

/** Runs one request with its statements recorded; returns its breakdown in milliseconds. */
export async function traced(
  work: () => Promise<unknown>,
): Promise<Record<Stage | 'total' | 'gc' | 'majorGc', number>> {
  const trace: Trace = { start: performance.now(), queries: [] };
  current = trace;
  try {
    await work();
  } finally {
    current = undefined;
  }
  const end = performance.now();
  trace.end = end;
  const out = Object.fromEntries([...STAGES, 'total', 'gc', 'majorGc'].map((s) => [s, 0])) as Record<
    Stage | 'total' | 'gc' | 'majorGc',
    number
  >;
  for (const q of trace.queries) if (q.stage !== 'other') out[q.stage] += q.end - q.start;
  const firstQuery = trace.queries[0]?.start ?? trace.end;
  const sessionEnd = Math.max(
    trace.start,
    ...trace.queries.filter((q) => q.stage === 'session').map((q) => q.end),
  );
  const begin = trace.queries.find((q) => q.stage === 'begin')?.start ?? sessionEnd;
  const commitEnd = trace.queries.find((q) => q.stage === 'commit')?.end ?? trace.end;
  out.routing = firstQuery - trace.start;
  out.policy = begin - sessionEnd;
  out.send = (trace.sent ?? end) - commitEnd;
  out.reply = end - (trace.sent ?? end);
  out.total = end - trace.start;
  out.between = Math.max(0, commitEnd - begin - out.begin - out.case - out.timeline - out.audit - out.commit);
  const overlapping = gcs.filter((g) => g.start + g.duration > trace.start && g.start < end);
  out.gc = overlapping.reduce((a, g) => a + g.duration, 0);
  out.majorGc = overlapping.filter((g) => g.major).reduce((a, g) => a + g.duration, 0);
  return out;
}

/** Background work in the cluster, read before and after a measurement. */
export async function clusterActivity(plain: pg.Client): Promise<Record<string, number>> {
  const { rows } = await plain.query<{ checkpoints: string; vacuums: string; analyzes: string }>(
    `select (select checkpoints_timed + checkpoints_req from pg_stat_bgwriter) as checkpoints,
            (select sum(autovacuum_count) from pg_stat_user_tables) as vacuums,
            (select sum(autoanalyze_count) from pg_stat_user_tables) as analyzes`,
  );
  const r = rows[0]!;
  return { checkpoints: Number(r.checkpoints), vacuums: Number(r.vacuums), analyzes: Number(r.analyzes) };
}

/** Per stage p50, p99 and max, and the slowest requests in full. */
export function reportStages(traces: Array<Record<string, number>>): string {
  const keys = [...STAGES, 'gc', 'majorGc', 'total'];
  const pct = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  };
  const lines = ['| stage | p50 ms | p99 ms | max ms |', '|---|---:|---:|---:|'];
  for (const k of keys) {
    const xs = traces.map((t) => t[k] ?? 0);
    lines.push(
      `| ${k} | ${pct(xs, 0.5).toFixed(2)} | ${pct(xs, 0.99).toFixed(2)} | ${Math.max(...xs).toFixed(2)} |`,
    );
  }
  lines.push('', 'slowest requests:', `| ${keys.join(' | ')} |`);
  for (const t of [...traces].sort((a, b) => (b.total ?? 0) - (a.total ?? 0)).slice(0, 5)) {
    lines.push(`| ${keys.map((k) => (t[k] ?? 0).toFixed(1)).join(' | ')} |`);
  }
  return lines.join('\n');
}
