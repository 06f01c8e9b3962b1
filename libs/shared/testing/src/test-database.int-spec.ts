import { describe, expect, it, jest } from '@jest/globals';
import { sql } from 'kysely';
import pg from 'pg';
import type { Migrations } from '@gm/shared-db';
import { createTestDatabase, openTestDatabase, testDatabaseUrl } from './index.js';

jest.setTimeout(60_000);

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}

const migrations: Migrations = {
  '0001_widget': {
    up: async (db) => {
      await sql`create table widget (id int primary key)`.execute(db);
    },
  },
};

describe('createTestDatabase', () => {
  it('creates a fresh database, and drop() removes it even with sessions still open', async () => {
    const created = await createTestDatabase();
    expect(created.name).toMatch(/^gm_t_[a-z0-9]+_[0-9a-f]{10}$/);
    expect(new URL(created.url).pathname).toBe(`/${created.name}`);
    expect(await databaseExists(created.name)).toBe(true);

    const session = new pg.Client({ connectionString: created.url });
    session.on('error', () => undefined); // the drop terminates it
    await session.connect();
    const { rows } = await session.query<{ db: string }>('select current_database() as db');
    expect(rows[0]!.db).toBe(created.name);

    await created.drop();
    await created.drop();
    expect(await databaseExists(created.name)).toBe(false);
    await session.end().catch(() => undefined);
  });

  it('gives every call its own database', async () => {
    const all = await Promise.all(Array.from({ length: 5 }, () => createTestDatabase()));
    try {
      expect(new Set(all.map((d) => d.name)).size).toBe(5);
    } finally {
      await Promise.all(all.map((d) => d.drop()));
    }
  });
});

describe('openTestDatabase', () => {
  it('opens a migrated PostgreSQL database, and cleanup() closes and drops it', async () => {
    const opened = await openTestDatabase<{ widget: { id: number } }>({
      service: 'widgets',
      schema: 'widgets',
      migrations,
    });
    expect(opened.database.dialect).toBe('pg');
    expect(opened.url).toBeDefined();
    await opened.database.db.insertInto('widget').values({ id: 1 }).execute();
    await expect(opened.database.db.selectFrom('widget').selectAll().execute()).resolves.toEqual([
      { id: 1 },
    ]);

    const name = new URL(opened.url!).pathname.slice(1);
    await opened.cleanup();
    expect(await databaseExists(name)).toBe(false);
    await expect(opened.database.ping()).rejects.toThrow();
  });

  it('opens a migrated in-memory PGlite when embedded', async () => {
    const opened = await openTestDatabase<{ widget: { id: number } }>({
      service: 'widgets',
      schema: 'widgets',
      migrations,
      embedded: true,
    });
    try {
      expect(opened.database.dialect).toBe('pglite');
      expect(opened.url).toBeUndefined();
      await opened.database.db.insertInto('widget').values({ id: 2 }).execute();
      await expect(opened.database.db.selectFrom('widget').selectAll().execute()).resolves.toEqual([
        { id: 2 },
      ]);
    } finally {
      await opened.cleanup();
    }
  });
});
