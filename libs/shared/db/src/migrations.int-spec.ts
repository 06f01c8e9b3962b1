import { afterAll, afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import {
  createTestDatabase,
  openTestDatabase,
  type OpenedTestDatabase,
  type TestDatabase,
} from '@gm/shared-testing';
import { sql } from 'kysely';
import {
  type AnyDatabase,
  createDatabase,
  migrate,
  migrateDown,
  MigrationError,
  type Migrations,
  migrateToLatest,
  runMigrateCommand,
} from './index.js';

jest.setTimeout(60_000);

/** The migrator's history tables, as these tests read them. */
interface HistoryDB {
  kysely_migration: { name: string };
  lib_migration: { name: string };
}

const tableNames = async (database: AnyDatabase) => {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = ${database.schema} order by table_name`.execute(database.db);
  return rows.map((row) => row.table_name);
};

// Listed out of order on purpose: names, not insertion order, decide the order.
const migrations: Migrations = {
  '0002_second': {
    up: async (db) => {
      await sql`alter table first add column extra text`.execute(db);
    },
    down: async (db) => {
      await sql`alter table first drop column extra`.execute(db);
    },
  },
  '0001_first': {
    up: async (db) => {
      await sql`create table first (id int primary key)`.execute(db);
    },
    down: async (db) => {
      await sql`drop table first`.execute(db);
    },
  },
};

const broken: Migrations = {
  ...migrations,
  '0003_broken': {
    up: async (db) => {
      await sql`alter table no_such_table add column x int`.execute(db);
    },
  },
};

describe.each(['pg', 'pglite'] as const)('migrations on %s', (dialect) => {
  let opened: OpenedTestDatabase<HistoryDB>;
  beforeEach(async () => {
    opened = await openTestDatabase<HistoryDB>({
      service: 'mig',
      schema: 'mig',
      embedded: dialect === 'pglite',
    });
  });
  afterEach(() => opened?.cleanup());

  it('creates the schema and btree_gist, then applies migrations in name order, once', async () => {
    const { database } = opened;
    await migrateToLatest(database, migrations);
    await migrateToLatest(database, migrations);

    expect(await tableNames(database)).toEqual([
      'first',
      'kysely_migration',
      'kysely_migration_lock',
    ]);
    const { rows: columns } = await sql<{ column_name: string }>`
      select column_name from information_schema.columns
      where table_schema = 'mig' and table_name = 'first' order by ordinal_position`.execute(
      database.db,
    );
    expect(columns.map((c) => c.column_name)).toEqual(['id', 'extra']);
    const { rows: extensions } = await sql<{ schema: string }>`
      select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace
      where e.extname = 'btree_gist'`.execute(database.db);
    expect(extensions).toEqual([{ schema: 'public' }]);
    const history = await database.db
      .selectFrom('kysely_migration')
      .select('name')
      .orderBy('name')
      .execute();
    expect(history.map((h) => h.name)).toEqual(['0001_first', '0002_second']);
  });

  it('reverts one step at a time', async () => {
    const { database } = opened;
    await migrateToLatest(database, migrations);
    await migrateDown(database, migrations);
    const { rows } = await sql<{ column_name: string }>`
      select column_name from information_schema.columns
      where table_schema = 'mig' and table_name = 'first'`.execute(database.db);
    expect(rows.map((c) => c.column_name)).toEqual(['id']);
    await migrateDown(database, migrations);
    expect(await tableNames(database)).not.toContain('first');
  });

  it('keeps separate histories per table, so a library can ship its own migrations', async () => {
    const { database } = opened;
    const library: Migrations = {
      '0001_lib': {
        up: async (db) => {
          await sql`create table lib_thing (id int)`.execute(db);
        },
      },
    };
    await migrateToLatest(database, migrations);
    await migrateToLatest(database, library, { table: 'lib_migration' });
    const history = await database.db.selectFrom('lib_migration').select('name').execute();
    expect(history).toEqual([{ name: '0001_lib' }]);
    expect(await tableNames(database)).toEqual(
      expect.arrayContaining(['first', 'lib_thing', 'lib_migration', 'lib_migration_lock']),
    );
  });

  it('fails loudly, naming the failing migration, and applies nothing of the batch', async () => {
    const { database } = opened;
    const error = await migrateToLatest(database, broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(
      /migration 0003_broken of schema mig failed \(latest\): .*no_such_table/,
    );
    // The batch runs in one transaction: the good migrations before it are rolled back too.
    expect(await tableNames(database)).not.toContain('first');
  });
});

describe('migrations on pg, from several processes at once', () => {
  let server: TestDatabase;
  afterAll(() => server?.drop());

  it('applies each migration exactly once', async () => {
    server = await createTestDatabase();
    let runs = 0;
    const counted: Migrations = {
      '0001_first': {
        up: async (db) => {
          runs++;
          await sql`create table first (id int primary key)`.execute(db);
        },
      },
    };
    // Separate pools stand for separate processes: each has its own sessions and locks.
    const databases = await Promise.all(
      Array.from({ length: 5 }, () =>
        createDatabase({ service: 'race', schema: 'race', databaseUrl: server.url }),
      ),
    );
    try {
      await Promise.all(databases.map((database) => migrateToLatest(database, counted)));
      expect(runs).toBe(1);
      expect(await tableNames(databases[0]!)).toContain('first');
    } finally {
      await Promise.all(databases.map((database) => database.close()));
    }
  });
});

describe('runMigrateCommand', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    const codes: number[] = [];
    return {
      out,
      err,
      codes,
      io: {
        out: (l: string) => out.push(l),
        err: (l: string) => err.push(l),
        exit: (c: number) => codes.push(c),
      },
    };
  };

  it('runs latest, up and down, prints what ran, and closes the database', async () => {
    const opened = await openTestDatabase({ service: 'cmd', schema: 'cmd' });
    const databases: AnyDatabase[] = [];
    const open = async () => {
      const database = await createDatabase({
        service: 'cmd',
        schema: 'cmd',
        databaseUrl: opened.url,
      });
      databases.push(database);
      return database;
    };
    try {
      const first = io();
      await runMigrateCommand(['migrate'], open, migrations, first.io);
      expect(first.out).toEqual(['cmd: applied 0001_first', 'cmd: applied 0002_second']);
      expect(first.codes).toEqual([]);

      const again = io();
      await runMigrateCommand(['migrate', 'latest'], open, migrations, again.io);
      expect(again.out).toEqual(['cmd: up to date']);

      const down = io();
      await runMigrateCommand(['down'], open, migrations, down.io);
      expect(down.out).toEqual(['cmd: reverted 0002_second']);

      const up = io();
      await runMigrateCommand(['migrate', 'up'], open, migrations, up.io);
      expect(up.out).toEqual(['cmd: applied 0002_second']);

      for (const database of databases) await expect(database.ping()).rejects.toThrow();
    } finally {
      await opened.cleanup();
    }
  });

  it('exits non-zero naming the failing migration, and 2 on a bad command', async () => {
    const opened = await openTestDatabase({ service: 'cmd', schema: 'cmd', embedded: true });
    try {
      const failed = io();
      await runMigrateCommand([], async () => opened.database, broken, failed.io);
      expect(failed.codes).toEqual([1]);
      expect(failed.out).toEqual(['cmd: FAILED 0003_broken']);
      expect(failed.err.join('\n')).toMatch(/migration 0003_broken .*failed/);

      const usage = io();
      await runMigrateCommand(
        ['migrate', 'sideways'],
        async () => opened.database,
        migrations,
        usage.io,
      );
      expect(usage.codes).toEqual([2]);
      expect(usage.err[0]).toMatch(/^usage: migrate/);
    } finally {
      await opened.cleanup();
    }
  });
});

describe('migrate', () => {
  it('reports the results of what ran', async () => {
    const opened = await openTestDatabase({ service: 'res', schema: 'res', embedded: true });
    try {
      const results = await migrate(opened.database, migrations, 'latest');
      expect(results.map((r) => [r.migrationName, r.direction, r.status])).toEqual([
        ['0001_first', 'Up', 'Success'],
        ['0002_second', 'Up', 'Success'],
      ]);
    } finally {
      await opened.cleanup();
    }
  });
});
