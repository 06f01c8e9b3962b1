import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type TransactionSettings,
} from 'kysely';
import { KyselyPGlite } from 'kysely-pglite';
import { quoteIdentifier } from './identifiers.js';
import { Mutex } from './mutex.js';

/**
 * PGlite is one session. kysely-pglite hands every query that session at once, so a query from
 * outside a transaction would run inside it. This driver lends the session to one Kysely
 * connection at a time; a transaction holds it from BEGIN to COMMIT.
 * Consequence: code that uses `db` instead of its `trx` inside a transaction waits forever here
 * (on pg it would silently escape the transaction): always pass the transaction.
 */
class SerializedDriver implements Driver {
  readonly #held = new WeakMap<DatabaseConnection, () => void>();

  constructor(
    private readonly inner: Driver,
    private readonly mutex: Mutex,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.mutex.lock();
    try {
      const connection = await this.inner.acquireConnection();
      this.#held.set(connection, release);
      return connection;
    } catch (error) {
      release();
      throw error;
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    try {
      await this.inner.releaseConnection(connection);
    } finally {
      this.#held.get(connection)?.();
      this.#held.delete(connection);
    }
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`SAVEPOINT ${quoteIdentifier(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(
      CompiledQuery.raw(`ROLLBACK TO SAVEPOINT ${quoteIdentifier(name)}`),
    );
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`RELEASE SAVEPOINT ${quoteIdentifier(name)}`));
  }

  // Waits for the connection in use, so closing never cuts a transaction in half.
  destroy(): Promise<void> {
    return this.mutex.run(() => this.inner.destroy());
  }
}

/** A Kysely dialect over one PGlite instance, and a way to run other work on that session in turn. */
export function serializedPgliteDialect(pglite: PGlite): {
  dialect: Dialect;
  exclusive: <T>(fn: () => Promise<T>) => Promise<T>;
} {
  const mutex = new Mutex();
  const inner = new KyselyPGlite(pglite).dialect;
  return {
    dialect: {
      createAdapter: () => inner.createAdapter(),
      createDriver: () => new SerializedDriver(inner.createDriver(), mutex),
      createIntrospector: (db) => inner.createIntrospector(db),
      createQueryCompiler: () => inner.createQueryCompiler(),
    },
    exclusive: (fn) => mutex.run(fn),
  };
}
