import {
  type DynamicModule,
  Global,
  Inject,
  type InjectionToken,
  Module,
  type ModuleMetadata,
  type OnApplicationShutdown,
  type OptionalFactoryDependency,
} from '@nestjs/common';
import { createDatabase, type Database, type DatabaseOptions } from './database.js';
import { migrateToLatest, type Migrations } from './migrations.js';

/** Nest injection token of the service's `Database`. */
export const DATABASE: unique symbol = Symbol('gm:database');
const DATABASE_MODULE_OPTIONS = Symbol('gm:database-module-options');

export interface DatabaseModuleOptions extends DatabaseOptions {
  migrations?: Migrations;
  /** Apply `migrations` before the application starts. */
  migrateOnStart?: boolean;
  /** The migration history table; default `kysely_migration`. */
  migrationTable?: string;
}

export interface DatabaseModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Nest's own factory type
  useFactory: (...args: any[]) => DatabaseModuleOptions | Promise<DatabaseModuleOptions>;
}

/** Global: provides DATABASE; migrates on start when asked; closes the database on shutdown. */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly database: Database<unknown>) {}

  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return DatabaseModule.forRootAsync({ useFactory: () => options });
  }

  /** For options that come from another provider, e.g. the parsed configuration. */
  static forRootAsync(options: DatabaseModuleAsyncOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        {
          provide: DATABASE_MODULE_OPTIONS,
          useFactory: options.useFactory,
          inject: options.inject ?? [],
        },
        { provide: DATABASE, useFactory: openDatabase, inject: [DATABASE_MODULE_OPTIONS] },
      ],
      exports: [DATABASE],
    };
  }

  // The last shutdown phase: whatever writes in onModuleDestroy still has its database.
  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}

async function openDatabase(options: DatabaseModuleOptions): Promise<Database<unknown>> {
  const database = await createDatabase<unknown>(options);
  if (options.migrateOnStart && options.migrations) {
    try {
      await migrateToLatest(database, options.migrations, { table: options.migrationTable });
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}
