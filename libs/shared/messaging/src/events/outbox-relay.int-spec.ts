import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { sql, type Kysely } from 'kysely';
import { connect, type JetStreamManager, type NatsConnection } from 'nats';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { event } from '@gm/shared-contracts';
import { inTransaction } from '@gm/shared-db';
import {
  openTestDatabase,
  testNatsUrl,
  uniquePrefix,
  waitFor,
  type OpenedTestDatabase,
} from '@gm/shared-testing';
import type { CloudEvent } from '../cloudevent.js';
import { ensureStreams, prefixStreamName, prefixSubject, STREAMS } from '../streams.js';
import { MESSAGING_MIGRATION_TABLE, messagingMigrations } from './migrations.js';
import { Outbox } from './outbox.js';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay.js';
import type { MessagingTables } from './tables.js';

jest.setTimeout(60_000);

const WidgetMade = event(
  'resources.evt.widget.made.v1',
  z.object({ widgetId: z.uuid(), n: z.number().int() }),
);

interface DB extends MessagingTables {
  widget: { id: string; name: string };
}

interface Stored {
  subject: string;
  msgId: string;
  event: CloudEvent<{ widgetId: string; n: number }>;
}

/** Every message of a stream, in order. */
async function readStream(jsm: JetStreamManager, stream: string): Promise<Stored[]> {
  const { state } = await jsm.streams.info(stream);
  const stored: Stored[] = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
    const m = await jsm.streams.getMessage(stream, { seq });
    stored.push({ subject: m.subject, msgId: m.header.get('Nats-Msg-Id'), event: m.json() });
  }
  return stored;
}

async function deleteStreams(jsm: JetStreamManager, prefix: string): Promise<void> {
  for await (const name of jsm.streams.names()) {
    if (name.startsWith(`${prefix}_`)) await jsm.streams.delete(name);
  }
}

const quietLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe.each(['pg', 'pglite'] as const)('Outbox and OutboxRelay on %s', (dialect) => {
  const prefix = uniquePrefix(`relay_${dialect}`);
  const stream = prefixStreamName(prefix, STREAMS.RESOURCES_EVENTS.name);
  const outbox = new Outbox('/guangming/resources');
  let opened: OpenedTestDatabase<DB>;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let relays: OutboxRelay[] = [];
  const db = (): Kysely<DB> => opened.database.db;

  const startRelay = async (options: Partial<OutboxRelayOptions> = {}) => {
    const relay = new OutboxRelay({
      database: opened.database,
      nc,
      prefix,
      logger: quietLogger,
      ...options,
    });
    relays.push(relay);
    await relay.start();
    return relay;
  };
  const published = async () => (await readStream(jsm, stream)).map((s) => s.event.id);
  const newWidget = (n: number) => ({ widgetId: uuidv7(), n });

  beforeAll(async () => {
    opened = await openTestDatabase<DB>({
      service: 'relaytest',
      schema: 'relaytest',
      migrations: messagingMigrations,
      migrationTable: MESSAGING_MIGRATION_TABLE,
      embedded: dialect === 'pglite',
    });
    await sql`create table widget (id uuid primary key, name text not null)`.execute(db());
    nc = await connect({ servers: testNatsUrl(), noAsyncTraces: true });
    jsm = await nc.jetstreamManager();
    await ensureStreams(jsm, prefix);
  });

  afterEach(async () => {
    await Promise.all(relays.map((relay) => relay.stop()));
    relays = [];
    await jsm.streams.purge(stream);
    await db().deleteFrom('outbox').execute();
    await db().deleteFrom('inbox').execute();
  });

  afterAll(async () => {
    await deleteStreams(jsm, prefix);
    await nc?.close();
    await opened?.cleanup();
  });

  it('publishes a committed event, with its id as Nats-Msg-Id, and never one whose transaction rolled back', async () => {
    await startRelay();
    const rolledBack = inTransaction(db(), async (trx) => {
      await outbox.add(trx, WidgetMade, newWidget(1), { subject: 'w1' });
      throw new Error('the use case failed after writing its event');
    });
    await expect(rolledBack).rejects.toThrow('use case failed');
    const committed = await inTransaction(db(), (trx) =>
      outbox.add(trx, WidgetMade, newWidget(2), { subject: 'w2' }),
    );

    // The committed event was written after the rolled-back one: once it is out, the other never will be.
    const stored = await waitFor(
      async () => {
        const all = await readStream(jsm, stream);
        return all.length > 0 && all;
      },
      { what: 'the committed event in the stream' },
    );
    expect(stored).toEqual([
      {
        subject: prefixSubject(prefix, WidgetMade.type),
        msgId: committed.id,
        event: expect.objectContaining({
          id: committed.id,
          type: WidgetMade.type,
          data: committed.data,
        }),
      },
    ]);
    // The relay marks the row after JetStream acks it, in the same transaction: wait for its commit.
    const rows = await waitFor(
      async () => {
        const all = await db().selectFrom('outbox').select(['id', 'published_at']).execute();
        return all.every((row) => row.published_at !== null) && all;
      },
      { what: 'the outbox row marked published' },
    );
    expect(rows).toEqual([{ id: committed.id, published_at: expect.any(Date) }]);
  });

  it('writes the business row and its event in one statement (the CTE form)', async () => {
    await startRelay();
    const id = uuidv7();
    // Build the row first (the event needs the business id, so ids are made here, not by the database)...
    const row = outbox.row(WidgetMade, { widgetId: id, n: 3 }, { subject: id });
    // ...then one round trip writes both; either both land or neither does.
    const widget = await db()
      .with('w', (qb) =>
        qb.insertInto('widget').values({ id, name: 'cryo-EM grid' }).returningAll(),
      )
      .with('o', (qb) => qb.insertInto('outbox').values(row).returning('id'))
      .selectFrom('w')
      .selectAll()
      .executeTakeFirstOrThrow();

    expect(widget).toEqual({ id, name: 'cryo-EM grid' });
    const [stored] = await waitFor(
      async () => {
        const all = await readStream(jsm, stream);
        return all.length > 0 && all;
      },
      { what: 'the CTE-written event' },
    );
    expect(stored?.event).toMatchObject({ id: row.id, subject: id, data: { widgetId: id, n: 3 } });
  });

  it('is woken by the insert trigger instead of waiting for its poll', async () => {
    // A poll this slow would miss the deadline below: only the NOTIFY can make it in time.
    await startRelay({ pollIntervalMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const written = await outbox.add(db(), WidgetMade, newWidget(4), { subject: 'w4' });
    await waitFor(async () => (await published()).includes(written.id), {
      timeoutMs: 5000,
      what: 'the event to be published on notification',
    });
  });

  it('deletes published outbox rows and inbox rows past their retention, and keeps the rest', async () => {
    const relay = await startRelay({ retentionMs: 0 });
    const sent = await outbox.add(db(), WidgetMade, newWidget(5), { subject: 'w5' });
    await waitFor(async () => (await published()).includes(sent.id), {
      what: 'the event to be published',
    });
    await relay.stop();
    const pending = await outbox.add(db(), WidgetMade, newWidget(6), { subject: 'w6' });

    const consumer = 'relaytest_SomeHandler';
    const [oldEvent, recentEvent] = [uuidv7(), uuidv7()];
    await sql`insert into inbox (consumer, event_id, processed_at)
      values (${consumer}, ${oldEvent}, now() - interval '91 days'), (${consumer}, ${recentEvent}, now() - interval '89 days')`.execute(
      db(),
    );

    expect(await relay.backlog()).toBe(1);
    expect(await relay.sweep()).toEqual({ outbox: 1, inbox: 1 });
    expect(await db().selectFrom('outbox').select('id').execute()).toEqual([{ id: pending.id }]);
    expect(await db().selectFrom('inbox').select('event_id').execute()).toEqual([
      { event_id: recentEvent },
    ]);
  });
});

describe('two OutboxRelays on one outbox (pg)', () => {
  const prefix = uniquePrefix('relay_pair');
  const stream = prefixStreamName(prefix, STREAMS.RESOURCES_EVENTS.name);
  const outbox = new Outbox('/guangming/resources');
  let opened: OpenedTestDatabase<DB>;
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    opened = await openTestDatabase<DB>({
      service: 'relaypair',
      schema: 'relaypair',
      migrations: messagingMigrations,
      migrationTable: MESSAGING_MIGRATION_TABLE,
    });
    nc = await connect({ servers: testNatsUrl(), noAsyncTraces: true });
    jsm = await nc.jetstreamManager();
    await ensureStreams(jsm, prefix);
  });

  afterAll(async () => {
    await deleteStreams(jsm, prefix);
    await nc?.close();
    await opened?.cleanup();
  });

  it('publishes each of 500 events exactly once between them, without relying on de-duplication', async () => {
    const total = 500;
    const writeEvents = async (from: number, count: number, perTransaction: number) => {
      for (let i = from; i < from + count; i += perTransaction) {
        await inTransaction(opened.database.db, async (trx) => {
          for (let n = i; n < i + perTransaction; n++) {
            await outbox.add(trx, WidgetMade, { widgetId: uuidv7(), n }, { subject: `w${n}` });
          }
        });
      }
    };
    // Half waits before the relays start, half arrives while they run.
    await writeEvents(0, total / 2, 50);

    const publishedBy = [new Set<string>(), new Set<string>()];
    const relays = publishedBy.map(
      (ids) =>
        new OutboxRelay({
          database: opened.database,
          nc,
          prefix,
          batchSize: 25,
          logger: quietLogger,
          onPublished: (batch) => batch.forEach((id) => ids.add(id)),
        }),
    );
    await Promise.all(relays.map((relay) => relay.start()));
    await writeEvents(total / 2, total / 2, 10);

    await waitFor(async () => (await relays[0]!.backlog()) === 0, {
      timeoutMs: 30_000,
      what: 'an empty backlog',
    });
    await Promise.all(relays.map((relay) => relay.stop()));

    const stored = await readStream(jsm, stream);
    expect(stored).toHaveLength(total);
    expect(new Set(stored.map((s) => s.event.data.n)).size).toBe(total);
    // The relays' own counts: a row published by both would count twice here, whatever JetStream kept.
    const [a, b] = relays.map((relay) => relay.stats);
    expect(a!.published + b!.published).toBe(total);
    expect(a!.duplicates + b!.duplicates).toBe(0);
    expect(a!.published).toBeGreaterThan(0);
    expect(b!.published).toBeGreaterThan(0);
    const [first, second] = publishedBy;
    expect([...first!].filter((id) => second!.has(id))).toEqual([]);
    expect(first!.size + second!.size).toBe(total);
  });
});
