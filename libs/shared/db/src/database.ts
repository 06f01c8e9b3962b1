import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import {
  checkChannelName,
  checkSchemaName,
  checkServiceName,
  quoteIdentifier,
} from './identifiers.js';
import { PgListener } from './pg-listener.js';
import { serializedPgliteDialect } from './pglite-dialect.js';
import { pgliteParsers, pgTypes } from './type-parsers.js';

export interface DatabaseOptions {
  /** e.g. 'resources'; PGlite data goes to `${dataDir}/${service}`. */
  service: string;
  /** The service's PostgreSQL schema, e.g. 'resources'. */
  schema: string;
  /** PostgreSQL when set, else embedded PGlite. */
  databaseUrl?: string;
  /** Default '.data'; 'memory://' gives an in-memory PGlite (tests). */
  dataDir?: string;
  /** pg pool size, default 10. */
  poolSize?: number;
  /** Errors no caller awaits: an idle pooled connection or the LISTEN connection failing. Default: a process warning. */
  onError?: (error: Error) => void;
}

export interface Database<DB> {
  db: Kysely<DB>;
  dialect: 'pg' | 'pglite';
  schema: string;
  /**
   * LISTEN on a channel; returns an unlisten function. pg: a dedicated client (reconnects if
   * dropped); PGlite: pglite.listen. Notifications sent while the pg client is reconnecting are
   * lost, so treat a notification as a wake-up, not as the only copy of the news.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /** Resolves when the database answers a query (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A Database of any service: Kysely<DB> is invariant, so code that serves every service takes this. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type AnyDatabase = Database<any>;

export const MEMORY_DATA_DIR = 'memory://';

/**
 * PostgreSQL settings of every embedded database, given at each start (nothing is written to its
 * data directory). PGlite's default shared_buffers of 128 MB is touched at start-up and stays
 * resident in each service process; an embedded service database is a few MB, so 16 MB holds it
 * (measured: ≈ 140 MB less RSS per process; docs/performance.md).
 */
const PGLITE_SETTINGS = ['-c', 'shared_buffers=16MB'];
const PG_CONNECT_TIMEOUT_MS = 10_000;

// Always a string: pg's errors may come from another realm (jest's VM), whose Error objects
// emitWarning rejects even where `instanceof Error` holds in this module.
const warn = (error: Error) =>
  process.emitWarning(`${error?.name ?? 'Error'}: ${error?.message ?? String(error)}`, {
    type: 'DatabaseWarning',
  });

/** Opens the service's database: PostgreSQL when `databaseUrl` is set, else embedded PGlite. */
export async function createDatabase<DB>(options: DatabaseOptions): Promise<Database<DB>> {
  checkServiceName(options.service);
  checkSchemaName(options.schema);
  return options.databaseUrl
    ? openPostgres<DB>({ ...options, databaseUrl: options.databaseUrl })
    : openPglite<DB>(options);
}

async function openPostgres<DB>(
  options: DatabaseOptions & { databaseUrl: string },
): Promise<Database<DB>> {
  const onError = options.onError ?? warn;
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.poolSize ?? 10,
    // Unqualified names, in Kysely queries and in raw SQL alike, resolve to the service schema.
    options: `-c search_path=${options.schema},public`,
    application_name: options.service,
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
    types: pgTypes,
  });
  // The pool drops a failed idle client by itself; without a listener the error would crash the process.
  pool.on('error', onError);
  const listener = new PgListener(
    () =>
      new pg.Client({
        connectionString: options.databaseUrl,
        application_name: `${options.service}:listen`,
        connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
      }),
    onError,
  );
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let closed: Promise<void> | undefined;
  return {
    db,
    dialect: 'pg',
    schema: options.schema,
    listen: async (channel, onNotify) => listener.listen(checkChannelName(channel), onNotify),
    ping: () => ping(db),
    close: () => (closed ??= Promise.all([listener.close(), db.destroy()]).then(() => undefined)),
  };
}

async function openPglite<DB>(options: DatabaseOptions): Promise<Database<DB>> {
  const dataDir = await pgliteDataDir(options);
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    extensions: { btree_gist },
    parsers: pgliteParsers,
    startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS],
  });
  // A new data directory was made by a second WebAssembly instance (initdb), hundreds of MB
  // that are garbage now but stay resident until a full collection, which a process at rest
  // may never run. Where the launcher exposes gc (`npm start`), collect it now, once.
  (globalThis as { gc?: () => void }).gc?.();
  // PGlite is one session, so setting the path once covers every later query.
  await pglite.exec(`SET search_path TO ${quoteIdentifier(options.schema)}, public`);
  const { dialect, exclusive } = serializedPgliteDialect(pglite);
  const db = new Kysely<DB>({ dialect });
  let closed: Promise<void> | undefined;
  return {
    db,
    dialect: 'pglite',
    schema: options.schema,
    listen: async (channel, onNotify) => {
      // Quoted, so the name is case-sensitive as on pg; taken in turn so it never lands inside a transaction.
      const name = quoteIdentifier(checkChannelName(channel));
      const unlisten = await exclusive(() => pglite.listen(name, onNotify));
      return () => (pglite.closed ? Promise.resolve() : exclusive(() => unlisten()));
    },
    ping: () => ping(db),
    close: () => (closed ??= db.destroy()),
  };
}

/** undefined means in memory. */
async function pgliteDataDir(options: DatabaseOptions): Promise<string | undefined> {
  const root = options.dataDir ?? '.data';
  if (root === MEMORY_DATA_DIR) return undefined;
  const dir = join(root, options.service);
  await mkdir(dir, { recursive: true });
  return dir;
}

async function ping<DB>(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
