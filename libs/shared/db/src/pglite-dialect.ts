import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import { quoteIdentifier } from './identifiers.js';
import { Mutex } from './mutex.js';

/** The PGlite session as one Kysely connection. */
class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // PGlite's result as it comes (`rows`, `affectedRows`): code counts affected rows by RETURNING.
    return this.pglite.query<R>(query.sql, [...query.parameters]);
  }

  // eslint-disable-next-line require-yield -- never yields: PGlite cannot stream
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not stream query results');
  }
}

/**
 * PGlite is one session: a query from outside a transaction would run inside it. This driver
 * lends the session to one Kysely connection at a time; a transaction holds it from BEGIN to
 * COMMIT. Consequence: code that uses `db` instead of its `trx` inside a transaction waits
 * forever here (on pg it would silently escape the transaction): always pass the transaction.
 * (Written here rather than taken from kysely-pglite, whose entry point also loads kysely-codegen:
 * ≈ 50 MB more resident per process for a code generator nothing runs.)
 */
class SerializedDriver implements Driver {
  readonly #held = new WeakMap<DatabaseConnection, () => void>();

  constructor(
    private readonly pglite: PGlite,
    private readonly mutex: Mutex,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.mutex.lock();
    const connection = new PGliteConnection(this.pglite);
    this.#held.set(connection, release);
    return connection;
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.#held.get(connection)?.();
    this.#held.delete(connection);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('BEGIN'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('COMMIT'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('ROLLBACK'));
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
    return this.mutex.run(() => this.pglite.close());
  }
}

/** A Kysely dialect over one PGlite instance, and a way to run other work on that session in turn. */
export function serializedPgliteDialect(pglite: PGlite): {
  dialect: Dialect;
  exclusive: <T>(fn: () => Promise<T>) => Promise<T>;
} {
  const mutex = new Mutex();
  return {
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new SerializedDriver(pglite, mutex),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    exclusive: (fn) => mutex.run(fn),
  };
}
