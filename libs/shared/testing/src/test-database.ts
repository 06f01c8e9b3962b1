import { randomBytes } from 'node:crypto';
import {
  createDatabase,
  MEMORY_DATA_DIR,
  migrateToLatest,
  type Database,
  type Migrations,
} from '@gm/shared-db';
import pg from 'pg';
import { testDatabaseUrl } from './env.js';

export interface TestDatabase {
  /** URL of the new database (the admin URL with its name). */
  url: string;
  name: string;
  /** Terminates its connections and drops it; safe to call twice. */
  drop(): Promise<void>;
}

export interface OpenTestDatabaseOptions {
  service: string;
  schema: string;
  migrations?: Migrations;
  /** Migration history table, for libraries that ship their own migrations. */
  migrationTable?: string;
  /** true: in-memory PGlite; false (default): a fresh database on the test PostgreSQL. */
  embedded?: boolean;
}

export interface OpenedTestDatabase<DB> {
  database: Database<DB>;
  /** Set for PostgreSQL, e.g. to give a service under test as DATABASE_URL. */
  url?: string;
  /** Closes the database and drops it. */
  cleanup(): Promise<void>;
}

/**
 * A fresh database per test file on the test PostgreSQL server, so files run in parallel. Named
 * `gm_t_<run>_<random>`: the global teardown drops what a crashed file of this run left behind.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = testDatabaseUrl();
  const name = `gm_t_${runId()}_${randomBytes(5).toString('hex')}`;
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  let dropped: Promise<void> | undefined;
  return {
    url: databaseUrl(adminUrl, name),
    name,
    drop: () =>
      (dropped ??= withAdminClient(adminUrl, (client) =>
        // FORCE terminates the database's sessions and drops it in one statement (PostgreSQL 13+).
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      ).then(() => undefined)),
  };
}

/** A service database for a test: in-memory PGlite, or a fresh PostgreSQL database; migrated when migrations are given. */
export async function openTestDatabase<DB>(
  options: OpenTestDatabaseOptions,
): Promise<OpenedTestDatabase<DB>> {
  const names = { service: options.service, schema: options.schema };
  const server = options.embedded ? undefined : await createTestDatabase();
  let database: Database<DB>;
  try {
    database = await createDatabase<DB>(
      server
        ? { ...names, databaseUrl: server.url, poolSize: 5 }
        : { ...names, dataDir: MEMORY_DATA_DIR },
    );
  } catch (error) {
    await server?.drop();
    throw error;
  }
  let cleaned: Promise<void> | undefined;
  const cleanup = () => (cleaned ??= database.close().finally(() => server?.drop()));
  if (options.migrations) {
    try {
      await migrateToLatest(database, options.migrations, { table: options.migrationTable });
    } catch (error) {
      await cleanup();
      throw error;
    }
  }
  return { database, url: server?.url, cleanup };
}

/** Lower-case alphanumerics of TEST_RUN_ID (set by the global setup), else 'x'. */
function runId(): string {
  return (
    (process.env.TEST_RUN_ID ?? '')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 12) || 'x'
  );
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdminClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'gm-test-admin' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
