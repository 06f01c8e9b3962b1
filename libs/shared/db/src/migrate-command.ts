import type { MigrationResult } from 'kysely';
import type { AnyDatabase } from './database.js';
import { migrate, MigrationError, type MigrationDirection, type Migrations } from './migrations.js';

export interface MigrateCommandIo {
  out?: (line: string) => void;
  err?: (line: string) => void;
  /** Default sets `process.exitCode`, so open handles close before the process ends. */
  exit?: (code: number) => void;
}

/** Migrations with their own history table, e.g. a library's tables beside the service's. */
export interface MigrationSet {
  migrations: Migrations;
  /** History table; Kysely's default when absent. */
  table?: string;
}

const DIRECTIONS: readonly MigrationDirection[] = ['latest', 'up', 'down'];
const USAGE =
  'usage: migrate [latest|up|down]   (latest applies all pending, up one, down reverts one)';

/**
 * The `migrate [latest|up|down]` command of a service: `argv` are the arguments after the script
 * (a leading `migrate` is allowed). Prints each migration that ran; exits non-zero on failure.
 * With several sets, `latest` and `up` move each set in order; `down` reverts the last set only
 * (the earlier ones are libraries' tables the service's own migrations may rely on).
 */
export async function runMigrateCommand(
  argv: string[],
  open: () => Promise<AnyDatabase>,
  migrations: Migrations | MigrationSet[],
  io: MigrateCommandIo = {},
): Promise<void> {
  const sets: MigrationSet[] = Array.isArray(migrations) ? migrations : [{ migrations }];
  const out = io.out ?? ((line: string) => console.log(line));
  const err = io.err ?? ((line: string) => console.error(line));
  const exit = io.exit ?? ((code: number) => void (process.exitCode = code));

  const direction = parseDirection(argv);
  if (!direction) {
    err(USAGE);
    exit(2);
    return;
  }
  let database: AnyDatabase | undefined;
  try {
    database = await open();
    const moved = direction === 'down' ? sets.slice(-1) : sets;
    for (const set of moved) {
      const results = await migrate(database, set.migrations, direction, {
        ...(set.table ? { table: set.table } : {}),
      });
      report(database.schema, direction, results, out);
    }
  } catch (error) {
    if (error instanceof MigrationError && database) {
      const failed = error.results.filter((result) => result.status === 'Error');
      report(database.schema, direction, failed, out);
    }
    // Migrations run in one transaction (PostgreSQL has transactional DDL): a failure undoes the batch.
    err(
      `migrate ${direction} failed, nothing changed: ${error instanceof Error ? error.message : String(error)}`,
    );
    exit(1);
  } finally {
    await database?.close();
  }
}

function parseDirection(argv: string[]): MigrationDirection | undefined {
  const args = argv[0] === 'migrate' ? argv.slice(1) : argv;
  if (args.length > 1) return undefined;
  const direction = args[0] ?? 'latest';
  return DIRECTIONS.find((d) => d === direction);
}

function report(
  schema: string,
  direction: MigrationDirection,
  results: readonly MigrationResult[],
  out: (line: string) => void,
) {
  if (results.length === 0) {
    out(direction === 'down' ? `${schema}: nothing to revert` : `${schema}: up to date`);
    return;
  }
  for (const { migrationName, direction: way, status } of results) {
    const verb = way === 'Up' ? 'applied' : 'reverted';
    const what = status === 'Success' ? verb : status === 'Error' ? 'FAILED' : 'not run';
    out(`${schema}: ${what} ${migrationName}`);
  }
}
