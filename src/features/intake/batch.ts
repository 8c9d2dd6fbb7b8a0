/**
 * Group commit for intake. A commit waits for the disk; under load, making each contact wait for
 * its own is what limits how many a server can take. Contacts that arrive together are written in
 * one transaction, each in its own savepoint (one failing does not touch the others), and every one
 * is answered only after that transaction has committed: the durability promise is unchanged.
 */
import { sql } from 'kysely';
import type { Database } from '../../platform/db/database';
import type { Tx } from '../../platform/db/transaction';

interface Item {
  work: (trx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

const MAX_BATCH = 64;

class Batcher {
  private queue: Item[] = [];
  private running = 0;

  constructor(
    private readonly database: Database,
    private readonly parallel: number,
  ) {}

  run<T>(work: (trx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
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

  private async commit(batch: Item[]): Promise<void> {
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      await this.database.db.transaction().execute(async (trx) => {
        for (const item of batch) {
          await sql`savepoint intake_item`.execute(trx);
          try {
            const value = await item.work(trx);
            await sql`release savepoint intake_item`.execute(trx);
            outcomes.push({ ok: true, value });
          } catch (error) {
            await sql`rollback to savepoint intake_item`.execute(trx);
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The commit itself failed: nothing of this batch is stored, and nobody is told otherwise.
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const o = outcomes[i];
      if (o?.ok) item.resolve(o.value);
      else item.reject(o ? o.error : new Error('lost batch outcome'));
    });
  }
}

const batchers = new WeakMap<Database, Batcher>();

/**
 * Runs `work` in a shared intake transaction and resolves once it is committed. The embedded
 * engine has one connection, so one batch at a time there; PostgreSQL takes a few in parallel.
 */
export function inIntakeBatch<T>(database: Database, work: (trx: Tx) => Promise<T>): Promise<T> {
  let b = batchers.get(database);
  if (!b) {
    b = new Batcher(database, database.engine === 'pglite' ? 1 : 4);
    batchers.set(database, b);
  }
  return b.run(work);
}
