import 'reflect-metadata';
import { describe, expect, it, jest } from '@jest/globals';
import { Inject, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createTestDatabase } from '@gm/shared-testing';
import { sql } from 'kysely';
import { DATABASE, type Database, DatabaseModule, type Migrations } from './index.js';

jest.setTimeout(60_000);

const migrations: Migrations = {
  '0001_thing': {
    up: async (db) => {
      await sql`create table thing (id int)`.execute(db);
    },
  },
};

@Injectable()
class ThingReader {
  constructor(@Inject(DATABASE) readonly database: Database<{ thing: { id: number } }>) {}
  count() {
    return this.database.db
      .selectFrom('thing')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
  }
}

// A feature module that does not import DatabaseModule: the module is global.
@Module({ providers: [ThingReader], exports: [ThingReader] })
class FeatureModule {}

describe('DatabaseModule', () => {
  it('provides DATABASE everywhere, migrated on start, and closes it on shutdown (PGlite)', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        DatabaseModule.forRoot({
          service: 'nest',
          schema: 'nest',
          dataDir: 'memory://',
          migrations,
          migrateOnStart: true,
        }),
        FeatureModule,
      ],
    }).compile();
    const app = await moduleRef.init();
    const reader = app.get(ThingReader);
    await expect(reader.count()).resolves.toEqual({ n: 0 });
    expect(app.get<Database<unknown>>(DATABASE)).toBe(reader.database);

    await app.close();
    await expect(reader.database.ping()).rejects.toThrow();
  });

  it('takes its options from another provider with forRootAsync (pg), and leaves migration off unless asked', async () => {
    const server = await createTestDatabase();
    const CONFIG = Symbol('config');
    @Module({ providers: [{ provide: CONFIG, useValue: { url: server.url } }], exports: [CONFIG] })
    class ConfigModule {}
    try {
      const moduleRef = await Test.createTestingModule({
        imports: [
          DatabaseModule.forRootAsync({
            imports: [ConfigModule],
            inject: [CONFIG],
            useFactory: (config: { url: string }) => ({
              service: 'nest',
              schema: 'nest',
              databaseUrl: config.url,
              migrations,
            }),
          }),
        ],
      }).compile();
      const app = await moduleRef.init();
      const database = app.get<Database<unknown>>(DATABASE);
      expect(database.dialect).toBe('pg');
      const { rows } = await sql<{
        n: number;
      }>`select count(*) as n from pg_namespace where nspname = 'nest'`.execute(database.db);
      expect(rows).toEqual([{ n: 0 }]);
      await app.close();
      await expect(database.ping()).rejects.toThrow();
    } finally {
      await server.drop();
    }
  });

  it('fails to start when a migration fails', async () => {
    const broken: Migrations = {
      '0001_broken': {
        up: async (db) => {
          await sql`select * from nowhere`.execute(db);
        },
      },
    };
    await expect(
      Test.createTestingModule({
        imports: [
          DatabaseModule.forRoot({
            service: 'nest',
            schema: 'nest',
            dataDir: 'memory://',
            migrations: broken,
            migrateOnStart: true,
          }),
        ],
      }).compile(),
    ).rejects.toThrow(/migration 0001_broken/);
  });
});
