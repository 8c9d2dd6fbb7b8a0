/**
 * Group commit for intake. A commit waits for the disk; under load, making each contact wait for
 * its own is what limits how many a server can take. Contacts that arrive together are written in
 * one transaction, each in its own savepoint (one failing does not touch the others), and every one
 * is answered only after that transaction has committed: the durability promise is unchanged.
 * Contacts marked `together` (a new webform report: no reads that depend on the other contacts;
 * an inbound text: its reads and writes happen inside one statement for the batch's texts) run
 * side by side, and their signals are written by one statement (insert-signal.ts,
 * receive-texts.ts).
 */
import { sql } from 'kysely';
import type { Database } from '../../platform/db/database';
import type { Tx } from '../../platform/db/transaction';
import { collectSignals } from './insert-signal';
import { intakeSettings } from './settings';

interface Item {
  work: (trx: Tx) => Promise<unknown>;
  together: boolean;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

class RetryWithSavepoints extends Error {}

const MAX_BATCH = 64;

class Batcher {
  private queue: Item[] = [];
  private running = 0;

  constructor(
    private readonly database: Database,
    private readonly parallel: number,
  ) {}

  run<T>(work: (trx: Tx) => Promise<T>, together: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, together, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.parallel && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.running++;
      void this.commit(batch).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  /**
   * First without savepoints (two round trips fewer per contact); if any contact fails, the whole
   * transaction is rolled back and the batch runs again with a savepoint around each contact, so
   * the failure is that contact's alone. Work is only ever answered from a committed transaction.
   */
  private async commit(batch: Item[]): Promise<void> {
    const fast = await this.attempt(batch, false);
    if (fast === 'retry') await this.attempt(batch, true);
  }

  private async attempt(batch: Item[], savepoints: boolean): Promise<'done' | 'retry'> {
    const outcomes = new Map<Item, Outcome>();
    try {
      await this.database.db.transaction().execute(async (trx) => {
        if (!savepoints) {
          await this.together(trx, batch, outcomes);
          for (const item of batch) {
            if (item.together) continue;
            try {
              outcomes.set(item, { ok: true, value: await item.work(trx) });
            } catch (error) {
              // Alone, a contact's error is its own; with others, they run again with savepoints.
              outcomes.set(item, { ok: false, error });
              throw new RetryWithSavepoints();
            }
          }
          return;
        }
        for (const item of batch) {
          await sql`savepoint intake_item`.execute(trx);
          try {
            const value = await item.work(trx);
            await sql`release savepoint intake_item`.execute(trx);
            outcomes.set(item, { ok: true, value });
          } catch (error) {
            await sql`rollback to savepoint intake_item`.execute(trx);
            outcomes.set(item, { ok: false, error });
          }
        }
      });
    } catch (error) {
      if (error instanceof RetryWithSavepoints) {
        if (batch.length > 1) return 'retry';
        const o = batch[0] ? outcomes.get(batch[0]) : undefined;
        batch[0]?.reject(o && !o.ok ? o.error : error);
        return 'done';
      }
      // The commit itself failed: nothing of this batch is stored, and nobody is told otherwise.
      for (const item of batch) item.reject(error);
      return 'done';
    }
    for (const item of batch) {
      const o = outcomes.get(item);
      if (o?.ok) item.resolve(o.value);
      else item.reject(o ? o.error : new Error('lost batch outcome'));
    }
    return 'done';
  }

  /** The `together` contacts side by side, their new signals gathered into one statement. */
  private async together(trx: Tx, batch: Item[], outcomes: Map<Item, Outcome>): Promise<void> {
    const items = batch.filter((item) => item.together);
    if (items.length === 0) return;
    const stop = collectSignals(trx);
    let failed = false;
    try {
      await Promise.all(
        items.map(async (item) => {
          try {
            outcomes.set(item, { ok: true, value: await item.work(trx) });
          } catch (error) {
            outcomes.set(item, { ok: false, error });
            failed = true;
          }
        }),
      );
    } finally {
      stop();
    }
    if (failed) throw new RetryWithSavepoints();
  }
}

const batchers = new WeakMap<Database, Batcher>();

/**
 * Runs `work` in a shared intake transaction and resolves once it is committed. The embedded
 * engine has one connection, so one batch at a time there; PostgreSQL takes a few in parallel.
 * `together`: the work may run beside other contacts' work in the same transaction (it reads
 * nothing another contact of the batch could be writing, or only inside the one statement that
 * writes them all, as texts do), and its new signal may be written by one statement with theirs.
 */
export function inIntakeBatch<T>(
  database: Database,
  work: (trx: Tx) => Promise<T>,
  options: { together?: boolean } = {},
): Promise<T> {
  let b = batchers.get(database);
  if (!b) {
    b = new Batcher(database, database.engine === 'pglite' ? 1 : intakeSettings.groupCommits);
    batchers.set(database, b);
  }
  return b.run(work, options.together ?? false);
}
