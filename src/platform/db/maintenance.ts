import type { Database } from './database';

/**
 * What PostgreSQL's autovacuum does, for the embedded engine, which has none: tables are analyzed
 * as they change (so the planner's row estimates, and the plans PL/pgSQL functions keep, fit the
 * data) and vacuumed when they hold many dead rows (space reused, transaction ids frozen). A real
 * server runs its own autovacuum, so on PostgreSQL this does nothing.
 *
 * The rules are autovacuum's defaults, read from pg_stat_user_tables:
 * - ANALYZE when rows changed since the last analyze exceed 50 + 10% of the table;
 * - VACUUM when dead rows exceed 50 + 20% of the table, when rows inserted since the last vacuum
 *   exceed 1000 + 20% of it, or when its oldest transaction id is older than 150 million.
 * The embedded engine forgets those counters when it is closed, so a table is also analyzed when
 * it has pages but was never analyzed, or when its size on disk has moved away from the size its
 * statistics were taken at (checked without reading the table).
 *
 * Each table's ANALYZE or VACUUM is its own statement, outside any transaction, taken from the
 * pool like any request's query: on the one connection of the embedded engine, requests waiting
 * in the pool run between two tables.
 */

export type MaintenanceAction = 'analyze' | 'vacuum' | 'vacuum full';

export interface TableWork {
  schema: string;
  table: string;
  actions: MaintenanceAction[];
  /** Why, in words: counters only, never data. */
  reason: string;
}

export interface StepDone extends TableWork {
  ms: number;
}

export interface MaintenanceResult {
  /** False on PostgreSQL, whose own autovacuum does this. */
  ran: boolean;
  steps: StepDone[];
  ms: number;
}

export interface MaintenanceLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface RunOptions {
  /** Analyze and vacuum every table, whatever the counters say (`waymark db maintain --all`). */
  all?: boolean;
  /**
   * With `all`: VACUUM FULL, which rewrites each table to give its free space back to the file
   * system; it locks the table for the whole rewrite, so only with the server stopped.
   */
  full?: boolean;
  /** Called before each table's statement, e.g. to show progress. */
  onStep?: (work: TableWork, index: number, total: number) => void;
}

const ANALYZE_BASE = 50;
const ANALYZE_SCALE = 0.1;
const VACUUM_BASE = 50;
const VACUUM_SCALE = 0.2;
const INSERT_VACUUM_BASE = 1000;
const INSERT_VACUUM_SCALE = 0.2;
const FREEZE_AGE = 150_000_000;
/** Pages on disk against pages when last analyzed: a change of more than this many plus 10%. */
const PAGES_BASE = 8;
const PAGES_SCALE = 0.1;
/**
 * A pause between two statements. The embedded engine runs on Node's own thread, so a statement
 * issued straight after the last one would take the connection before a request that has just
 * arrived could reach the pool's queue; the pause lets it in.
 */
const PAUSE_MS = 20;
const UNDEFINED_TABLE = '42P01';

interface TableStats {
  schema: string;
  table: string;
  reltuples: number;
  relpages: number;
  pages: number;
  dead: number;
  modSinceAnalyze: number;
  insSinceVacuum: number;
  xidAge: number;
}

/** Decides one table's work from its counters (exported for tests). */
export function decide(t: TableStats, all = false, full = false): TableWork | undefined {
  if (all)
    return {
      schema: t.schema,
      table: t.table,
      actions: [full ? 'vacuum full' : 'vacuum', 'analyze'],
      reason: full ? 'all tables, rewritten' : 'all tables',
    };
  const rows = Math.max(t.reltuples, 0);
  const reasons: string[] = [];
  const actions: MaintenanceAction[] = [];
  if (t.dead > VACUUM_BASE + VACUUM_SCALE * rows) reasons.push(`${t.dead} dead rows`);
  else if (t.insSinceVacuum > INSERT_VACUUM_BASE + INSERT_VACUUM_SCALE * rows)
    reasons.push(`${t.insSinceVacuum} rows inserted since the last vacuum`);
  else if (t.xidAge > FREEZE_AGE) reasons.push(`transaction ids ${t.xidAge} old`);
  if (reasons.length) actions.push('vacuum');
  const before = reasons.length;
  if (t.modSinceAnalyze > ANALYZE_BASE + ANALYZE_SCALE * rows)
    reasons.push(`${t.modSinceAnalyze} rows changed since the last analyze`);
  else if (t.reltuples < 0 && t.pages > 0) reasons.push('never analyzed');
  else if (t.reltuples >= 0 && Math.abs(t.pages - t.relpages) > PAGES_BASE + PAGES_SCALE * t.relpages)
    reasons.push(`${t.relpages} pages when last analyzed, ${t.pages} now`);
  if (reasons.length > before) actions.push('analyze');
  if (!actions.length) return undefined;
  return { schema: t.schema, table: t.table, actions, reason: reasons.join('; ') };
}

async function readStats(database: Database): Promise<TableStats[]> {
  // The engine sends its counters on at most once a second; ask for them now.
  await database.pool.query('select pg_stat_force_next_flush()');
  const { rows } = await database.pool.query<TableStats>(
    `select s.schemaname as schema, s.relname as "table",
            c.reltuples::float8 as reltuples, c.relpages as relpages,
            (pg_relation_size(c.oid) / current_setting('block_size')::int)::int as pages,
            s.n_dead_tup::float8 as dead,
            s.n_mod_since_analyze::float8 as "modSinceAnalyze",
            s.n_ins_since_vacuum::float8 as "insSinceVacuum",
            age(c.relfrozenxid)::int as "xidAge"
       from pg_stat_user_tables s
       join pg_class c on c.oid = s.relid
      where c.relkind in ('r', 'm')
      order by s.schemaname, s.relname`,
  );
  return rows;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The tables that need work now, and what (empty on PostgreSQL). */
export async function planMaintenance(
  database: Database,
  options: { all?: boolean; full?: boolean } = {},
): Promise<TableWork[]> {
  if (database.engine !== 'pglite') return [];
  const stats = await readStats(database);
  return stats
    .map((t) => decide(t, options.all, options.full))
    .filter((w): w is TableWork => w !== undefined);
}

/** Runs one round: each table's VACUUM, then its ANALYZE, each a separate short statement. */
export async function runMaintenance(
  database: Database,
  options: RunOptions = {},
): Promise<MaintenanceResult> {
  const started = performance.now();
  if (database.engine !== 'pglite') return { ran: false, steps: [], ms: 0 };
  const work = await planMaintenance(database, options);
  const steps: StepDone[] = [];
  for (const [i, w] of work.entries()) {
    options.onStep?.(w, i, work.length);
    const name = `${quoteIdent(w.schema)}.${quoteIdent(w.table)}`;
    let ms = 0;
    let gone = false;
    for (const action of w.actions) {
      await new Promise((r) => setTimeout(r, PAUSE_MS));
      const t0 = performance.now();
      try {
        await database.pool.query(`${action} ${name}`);
      } catch (err) {
        // Dropped since the plan was read (pg-boss drops a deleted queue's table): nothing to do.
        if ((err as { code?: string }).code !== UNDEFINED_TABLE) throw err;
        gone = true;
        break;
      }
      ms += performance.now() - t0;
    }
    if (!gone) steps.push({ ...w, ms: Math.round(ms) });
  }
  return { ran: true, steps, ms: Math.round(performance.now() - started) };
}

export interface MaintenanceTimer {
  /** Stops the timer and waits for a round under way to finish its current table. */
  stop(): Promise<void>;
}

export interface ScheduleOptions {
  /** The first round, after start-up (default 30 seconds). */
  firstDelayMs?: number;
  /** Then every (default 10 minutes). */
  intervalMs?: number;
}

/**
 * Runs maintenance in the serving process on the embedded engine: once shortly after start, then
 * every ten minutes. Does nothing on PostgreSQL. A failed round is logged and tried again next time.
 */
export function startMaintenance(
  database: Database,
  log: MaintenanceLog,
  options: ScheduleOptions = {},
): MaintenanceTimer {
  if (database.engine !== 'pglite') return { stop: async () => undefined };
  const intervalMs = options.intervalMs ?? 10 * 60_000;
  let stopped = false;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const round = async (): Promise<void> => {
    try {
      const result = await runMaintenance(database, {
        onStep: () => {
          if (stopped) throw new StoppedError();
        },
      });
      if (result.steps.length)
        log.info(
          {
            ms: result.ms,
            tables: result.steps.map((s) => ({ table: `${s.schema}.${s.table}`, did: s.actions, ms: s.ms })),
          },
          'database maintenance',
        );
    } catch (err) {
      if (!(err instanceof StoppedError))
        log.warn({ err: { message: (err as Error).message } }, 'database maintenance failed');
    }
  };
  const schedule = (delay: number): void => {
    timer = setTimeout(() => {
      running = round().finally(() => {
        running = undefined;
        if (!stopped) schedule(intervalMs);
      });
    }, delay);
    timer.unref();
  };
  schedule(options.firstDelayMs ?? 30_000);
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

class StoppedError extends Error {}
