import { type Migration, type MigrationResult, Migrator, sql } from 'kysely';
import type { AnyDatabase } from './database.js';
import { quoteIdentifier } from './identifiers.js';

/**
 * A service's migrations by name; names sort in the order they run ('0001_init', '0002_…').
 * A migration is frozen in time: it takes `Kysely<any>` and imports nothing from the app.
 */
export type Migrations = Record<string, Migration>;

export interface MigrateOptions {
  /** The history table in the service schema; default `kysely_migration`. A library shipping its
   * own migrations into the same schema uses its own, e.g. `messaging_migration`. */
  table?: string;
}

export type MigrationDirection = 'latest' | 'up' | 'down';

/** A migration that failed, named; the driver's error is the `cause`. */
export class MigrationError extends Error {
  constructor(
    message: string,
    readonly results: readonly MigrationResult[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

const DEFAULT_TABLE = 'kysely_migration';
// Any constant shared by every process: it serialises the schema/extension bootstrap below.
const BOOTSTRAP_LOCK_KEY = 7_358_201_194;

export async function migrateToLatest(
  database: AnyDatabase,
  migrations: Migrations,
  options?: MigrateOptions,
): Promise<void> {
  await migrate(database, migrations, 'latest', options);
}

/** Reverts the last applied migration (one step). */
export async function migrateDown(
  database: AnyDatabase,
  migrations: Migrations,
  options?: MigrateOptions,
): Promise<void> {
  await migrate(database, migrations, 'down', options);
}

/**
 * Moves the schema in `direction` and reports what ran. Concurrent callers (replicas starting
 * together, a migration Job) are safe: the bootstrap runs under an advisory lock, and Kysely's
 * migrator takes its own lock and re-reads the history after acquiring it.
 */
export async function migrate(
  database: AnyDatabase,
  migrations: Migrations,
  direction: MigrationDirection,
  options: MigrateOptions = {},
): Promise<MigrationResult[]> {
  await bootstrap(database);
  const table = options.table ?? DEFAULT_TABLE;
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: database.schema,
    migrationTableName: table,
    migrationLockTableName: `${table}_lock`,
  });
  const { error, results = [] } =
    direction === 'latest'
      ? await migrator.migrateToLatest()
      : direction === 'up'
        ? await migrator.migrateUp()
        : await migrator.migrateDown();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      failed
        ? `migration ${failed} of schema ${database.schema} failed (${direction}): ${reason}`
        : `migrating schema ${database.schema} failed (${direction}): ${reason}`,
      results,
      { cause: error },
    );
  }
  return results;
}

/** The schema, and btree_gist (in public) for exclusion constraints, before any migration needs them. */
async function bootstrap(database: AnyDatabase): Promise<void> {
  // Two sessions running CREATE … IF NOT EXISTS at once can still collide on the catalog's unique index.
  await database.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${sql.lit(BOOTSTRAP_LOCK_KEY)})`.execute(trx);
    await sql.raw(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(database.schema)}`).execute(trx);
    await sql`CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public`.execute(trx);
  });
}
