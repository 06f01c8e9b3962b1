import { Global, Module, type Provider } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { connect } from 'nats';
import type { z } from 'zod';
import type { EventContract } from '@gm/shared-contracts';
import { DATABASE, type AnyDatabase, type Database } from '@gm/shared-db';
import {
  EventsModule,
  Outbox,
  prefixStreamName,
  type CloudEvent,
  type MessagingTables,
} from '@gm/shared-messaging';
import { testNatsUrl, waitFor } from '@gm/shared-testing';

export interface EventsTestModuleOptions {
  /** The service whose events machinery runs, e.g. `housing`: its durable names and event source. */
  service: string;
  /** The service's database, provided as `DATABASE`; the messaging tables are migrated at init. */
  database: AnyDatabase;
  /** The NATS prefix of this test file (`uniquePrefix(...)`); its streams are deleted at stop. */
  prefix: string;
  /** The handlers and use cases under test. */
  providers: Provider[];
}

/**
 * A Nest testing module of `providers` on `database` with the service's durable events on real
 * NATS (outbox relay, streams, `@OnDurableEvent` consumers), initialised.
 */
export async function startEventsTestModule(
  options: EventsTestModuleOptions,
): Promise<TestingModule> {
  @Global()
  @Module({ providers: [{ provide: DATABASE, useValue: options.database }], exports: [DATABASE] })
  class TestDatabaseModule {}

  const module = await Test.createTestingModule({
    imports: [
      TestDatabaseModule,
      EventsModule.forRoot({
        service: options.service,
        natsUrl: testNatsUrl(),
        prefix: options.prefix,
      }),
    ],
    providers: options.providers,
  }).compile();
  await module.init();
  return module;
}

/**
 * Closes a module of {@link startEventsTestModule} (when it started) and deletes every stream
 * under `prefix`, so a test file leaves nothing on the shared NATS server; then, whatever failed,
 * cleans up the test database (`opened`, when it was opened).
 */
export async function stopEventsTestModule(
  module: TestingModule | undefined,
  prefix: string,
  opened?: { cleanup(): Promise<void> },
): Promise<void> {
  try {
    await module?.close();
    const nc = await connect({ servers: testNatsUrl(), noAsyncTraces: true });
    try {
      const jsm = await nc.jetstreamManager();
      for await (const name of jsm.streams.names())
        if (name.startsWith(prefixStreamName(prefix, ''))) await jsm.streams.delete(name);
    } finally {
      await nc.close();
    }
  } finally {
    await opened?.cleanup();
  }
}

/**
 * Publishes an event as the module's service does (through its outbox and relay) and waits until
 * a durable consumer of the module handled it: its id is in the inbox.
 */
export async function deliverEvent<D extends z.ZodType>(
  module: TestingModule,
  contract: EventContract<D>,
  data: z.input<D>,
  options: { subject: string },
): Promise<CloudEvent<z.output<D>>> {
  const { db } = module.get<Database<MessagingTables>>(DATABASE);
  const event = await module.get(Outbox).add(db, contract, data, options);
  await waitFor(
    async () =>
      (await db
        .selectFrom('inbox')
        .select('event_id')
        .where('event_id', '=', event.id)
        .executeTakeFirst()) !== undefined,
    { timeoutMs: 20_000, what: `the handling of ${contract.type} ${event.id}` },
  );
  return event;
}
