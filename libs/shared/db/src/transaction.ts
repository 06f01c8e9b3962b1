import type { Kysely, Transaction } from 'kysely';
import { isTransientConflict } from './errors.js';

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

/**
 * Runs a whole transaction again when the database aborted it for a transient conflict (a
 * deadlock or serialization failure), up to `attempts` times; the retry then meets the committed
 * winner and fails or succeeds on its merits (an overlap becomes a constraint violation, not a 500).
 */
export async function retryingTransientConflicts<T>(
  run: () => Promise<T>,
  attempts = 3,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isTransientConflict(error)) throw error;
      // A short random pause so the retried transactions do not collide in lockstep again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}
