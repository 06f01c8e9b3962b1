import type { Kysely, Transaction } from 'kysely';

/** What a repository function takes: the database, or the transaction of the use case calling it. */
export type Executor<DB> = Kysely<DB> | Transaction<DB>;

/**
 * Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. Given a
 * transaction already, `fn` joins it, so a use case can call another inside its own unit of work.
 */
export function inTransaction<DB, T>(
  db: Executor<DB>,
  fn: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<DB>);
  return db.transaction().execute(fn);
}
