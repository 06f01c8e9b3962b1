import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDatabase, waitFor, type OpenedTestDatabase } from '@gm/shared-testing';
import { sql } from 'kysely';
import { createDatabase, inTransaction, type Migrations } from './index.js';

interface TestDB {
  note: { id: number; body: string };
}

const migrations: Migrations = {
  '0001_note': {
    up: async (db) => {
      await sql`create table note (id int primary key, body text not null)`.execute(db);
    },
  },
};

// PGlite takes seconds to start; jest ignores the project-level testTimeout.
jest.setTimeout(60_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(['pg', 'pglite'] as const)('createDatabase on %s', (dialect) => {
  let opened: OpenedTestDatabase<TestDB>;
  const db = () => opened.database.db;

  beforeAll(async () => {
    opened = await openTestDatabase<TestDB>({
      service: 'dbtest',
      schema: 'dbtest',
      migrations,
      embedded: dialect === 'pglite',
    });
  });
  afterAll(() => opened?.cleanup());

  it('opens the dialect asked for and answers a ping', async () => {
    expect(opened.database.dialect).toBe(dialect);
    expect(opened.database.schema).toBe('dbtest');
    await expect(opened.database.ping()).resolves.toBeUndefined();
  });

  it('resolves unqualified names, in Kysely and raw SQL, to the service schema', async () => {
    await sql`create table raw_made (id int)`.execute(db());
    const { rows } = await sql<{ table_schema: string; table_name: string }>`
      select table_schema, table_name from information_schema.tables
      where table_name in ('note', 'raw_made') order by table_name`.execute(db());
    expect(rows).toEqual([
      { table_schema: 'dbtest', table_name: 'note' },
      { table_schema: 'dbtest', table_name: 'raw_made' },
    ]);
  });

  it('reads values the same way on both dialects', async () => {
    const { rows } = await sql<Record<string, unknown>>`
      select count(*) as count, 9007199254740991::int8 as max_int8, 12.75::numeric as numeric,
             '2024-02-29'::date as day, '2024-02-29T10:00:00Z'::timestamptz as at,
             interval '1 day 2 hours' as span, '{"a":[1]}'::jsonb as doc,
             array[1, 2]::int8[] as int8s, array[1.5, null]::numeric[] as numerics,
             array['2024-01-01'::date] as days, array['a', 'b,c']::text[] as texts
      from (values (1), (2)) v(x)`.execute(db());
    expect(rows[0]).toEqual({
      count: 2,
      max_int8: Number.MAX_SAFE_INTEGER,
      numeric: 12.75,
      day: '2024-02-29',
      at: new Date('2024-02-29T10:00:00Z'),
      span: '1 day 02:00:00',
      doc: { a: [1] },
      int8s: [1, 2],
      numerics: [1.5, null],
      days: ['2024-01-01'],
      texts: ['a', 'b,c'],
    });
  });

  it('commits a transaction, rolls one back on error, and lets a nested call join it', async () => {
    await inTransaction(db(), async (trx) => {
      await trx.insertInto('note').values({ id: 1, body: 'kept' }).execute();
      await inTransaction(trx, (same) =>
        same.insertInto('note').values({ id: 2, body: 'kept too' }).execute(),
      );
    });
    await expect(
      inTransaction(db(), async (trx) => {
        await trx.insertInto('note').values({ id: 3, body: 'rolled back' }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const ids = await db().selectFrom('note').select('id').orderBy('id').execute();
    expect(ids.map((row) => row.id)).toEqual([1, 2]);
  });

  it('keeps work outside a transaction out of it, even while the transaction is open', async () => {
    let outside: Promise<unknown> | undefined;
    const failing = inTransaction(db(), async (trx) => {
      await trx.insertInto('note').values({ id: 10, body: 'inside' }).execute();
      // On PGlite (one session) this waits for the transaction instead of joining it.
      outside = db().insertInto('note').values({ id: 11, body: 'outside' }).execute();
      await sleep(50);
      throw new Error('roll back the inside');
    });
    await expect(failing).rejects.toThrow('roll back the inside');
    await outside;
    const ids = await db().selectFrom('note').select('id').where('id', '>=', 10).execute();
    expect(ids).toEqual([{ id: 11 }]);
  });

  it('delivers notifications to listeners until they unlisten; channel names are case-sensitive', async () => {
    const received: string[] = [];
    const upper: string[] = [];
    const unlisten = await opened.database.listen('note_changed', (payload) =>
      received.push(payload),
    );
    const unlistenUpper = await opened.database.listen('Note_Changed', (payload) =>
      upper.push(payload),
    );
    await sql`select pg_notify('note_changed', 'one'), pg_notify('Note_Changed', 'ONE')`.execute(
      db(),
    );
    await waitFor(() => received.length === 1 && upper.length === 1, {
      what: 'both notifications',
    });
    expect(received).toEqual(['one']);
    expect(upper).toEqual(['ONE']);

    await unlisten();
    await unlistenUpper();
    await sql`select pg_notify('note_changed', 'two')`.execute(db());
    await sleep(200);
    expect(received).toEqual(['one']);
  });

  it('delivers a notification sent in a transaction at commit', async () => {
    const received: string[] = [];
    const unlisten = await opened.database.listen('committed', (payload) => received.push(payload));
    await inTransaction(db(), async (trx) => {
      await sql`select pg_notify('committed', 'after commit')`.execute(trx);
      await sleep(100);
      expect(received).toEqual([]);
    });
    await waitFor(() => received.length > 0, { what: 'the committed notification' });
    expect(received).toEqual(['after commit']);
    await unlisten();
  });

  it('refuses a channel name that is not a plain identifier', async () => {
    await expect(opened.database.listen('bad"; drop', () => undefined)).rejects.toThrow(
      /invalid channel name/,
    );
  });
});

describe('createDatabase', () => {
  it('refuses schema and service names that are not plain identifiers', async () => {
    await expect(
      createDatabase({ service: 'x', schema: 'Bad-Schema', dataDir: 'memory://' }),
    ).rejects.toThrow(/invalid schema name/);
    await expect(
      createDatabase({ service: '../x', schema: 'x', dataDir: 'memory://' }),
    ).rejects.toThrow(/invalid service name/);
  });

  it('keeps PGlite data under <dataDir>/<service>, creating it, across restarts', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gm-db-'));
    try {
      const first = await createDatabase<TestDB>({
        service: 'kept',
        schema: 'kept',
        dataDir: join(dataDir, 'nested'),
      });
      await sql`create schema kept`.execute(first.db);
      await sql`create table note (id int primary key, body text not null)`.execute(first.db);
      await first.db.insertInto('note').values({ id: 1, body: 'survives' }).execute();
      await first.close();
      await first.close(); // idempotent
      expect((await stat(join(dataDir, 'nested', 'kept'))).isDirectory()).toBe(true);

      const second = await createDatabase<TestDB>({
        service: 'kept',
        schema: 'kept',
        dataDir: join(dataDir, 'nested'),
      });
      await expect(second.db.selectFrom('note').selectAll().execute()).resolves.toEqual([
        { id: 1, body: 'survives' },
      ]);
      await second.close();
      await expect(second.ping()).rejects.toThrow();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('createDatabase on pg: the LISTEN connection', () => {
  let opened: OpenedTestDatabase<TestDB>;
  const errors: Error[] = [];

  beforeAll(async () => {
    opened = await openTestDatabase<TestDB>({ service: 'relisten', schema: 'relisten' });
  });
  afterAll(() => opened?.cleanup());

  it('reconnects and listens again after the server drops it', async () => {
    // A second Database on the same URL, so its errors can be observed.
    const database = await createDatabase<TestDB>({
      service: 'relisten',
      schema: 'relisten',
      databaseUrl: opened.url,
      onError: (error) => errors.push(error),
    });
    try {
      const received: string[] = [];
      await database.listen('wake', (payload) => received.push(payload));
      const { rows } = await sql<{ terminated: boolean }>`
        select pg_terminate_backend(pid) as terminated from pg_stat_activity
        where application_name = 'relisten:listen' and datname = current_database()`.execute(
        opened.database.db,
      );
      expect(rows).toEqual([{ terminated: true }]);

      let sent = 0;
      await waitFor(
        async () => {
          await sql`select pg_notify('wake', ${`after-${++sent}`})`.execute(opened.database.db);
          return received.length > 0;
        },
        { timeoutMs: 10_000, intervalMs: 200, what: 'a notification after the reconnect' },
      );
      expect(received[0]).toMatch(/^after-\d+$/);
      expect(errors.some((error) => /LISTEN connection lost/.test(error.message))).toBe(true);
    } finally {
      await database.close();
    }
  });
});
