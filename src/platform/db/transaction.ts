import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema';

export type Tx = Transaction<DB>;
export type Queryable = Kysely<DB> | Tx;

/** Runs the work in one transaction: the change and its audit record commit together or not at all. */
export async function inTransaction<T>(db: Kysely<DB>, work: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
