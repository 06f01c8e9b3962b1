import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { sql, type Kysely } from 'kysely';
import { connect, type JetStreamManager, type NatsConnection, type StoredMsg } from 'nats';
import { z } from 'zod';
import { event } from '@gm/shared-contracts';
import {
  openTestDatabase,
  testNatsUrl,
  uniquePrefix,
  waitFor,
  type OpenedTestDatabase,
} from '@gm/shared-testing';
import { migrateToLatest } from '@gm/shared-db';
import type { CloudEvent } from '../cloudevent.js';
import { ensureStreams, prefixStreamName, prefixSubject, STREAMS } from '../streams.js';
import { DEAD_LETTER_HEADERS } from './dead-letters.js';
import { DurableConsumer } from './durable-consumer.js';
import { MESSAGING_MIGRATION_TABLE, messagingMigrations } from './migrations.js';
import { Outbox } from './outbox.js';
import { OutboxRelay } from './outbox-relay.js';
import type { MessagingTables } from './tables.js';

jest.setTimeout(60_000);

// One event type per test: a new durable consumer starts at the beginning of its subject.
const sample = (name: string) =>
  event(`housing.evt.sample.${name}.v1`, z.object({ n: z.number().int() }));
const Counted = sample('counted');
const Cursed = sample('cursed');
const Replayed = sample('replayed');
type Contract = typeof Counted;
type CountedEvent = CloudEvent<z.output<typeof Counted.data>>;

interface DB extends MessagingTables {
  effect: { event_id: string; n: number; txid: string };
}

const quiet = { log() {}, warn() {}, error() {} };

// `@OnDurableEvent(contract, { batch })`: events waiting together share one transaction, and a
// failing event neither takes the others down with it nor loses its own retries and dead letter.
describe('DurableConsumer in batch mode', () => {
  const prefix = uniquePrefix('batch');
  let opened: OpenedTestDatabase<DB>;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let relay: OutboxRelay;
  const outbox = new Outbox('/guangming/housing');
  const db = (): Kysely<DB> => opened.database.db;

  beforeAll(async () => {
    opened = await openTestDatabase<DB>({ service: 'housing', schema: 'housing' });
    await migrateToLatest(opened.database, messagingMigrations, {
      table: MESSAGING_MIGRATION_TABLE,
    });
    // No key on event_id: a second effect of one event would show as a second row.
    await sql`create table effect (event_id uuid not null, n int not null, txid text not null)`.execute(
      db(),
    );
    nc = await connect({ servers: testNatsUrl(), noAsyncTraces: true });
    jsm = await nc.jetstreamManager();
    await ensureStreams(jsm, prefix);
  });

  afterAll(async () => {
    try {
      await relay?.stop();
      if (jsm) {
        for await (const name of jsm.streams.names())
          if (name.startsWith(`${prefix}_`)) await jsm.streams.delete(name);
      }
      await nc?.close();
    } finally {
      await opened?.cleanup();
    }
  });

  /** Writes `ns` as one outbox backlog, so they reach the consumer together. */
  const emitAll = async (ns: number[], contract: Contract = Counted): Promise<CountedEvent[]> => {
    const events: CountedEvent[] = [];
    await db()
      .transaction()
      .execute(async (trx) => {
        for (const n of ns)
          events.push(await outbox.add(trx, contract, { n }, { subject: `s-${n}` }));
      });
    return events;
  };

  const effectsOf = async (ids: string[]) =>
    db().selectFrom('effect').selectAll().where('event_id', 'in', ids).execute();

  it('handles a backlog in few transactions, once per event, and reports each commit', async () => {
    const committed: string[] = [];
    const consumer = new DurableConsumer({
      nc,
      database: opened.database,
      service: 'housing',
      prefix,
      name: 'Counter_batched',
      contract: Counted,
      logger: quiet,
      options: { batch: 50, concurrency: 1 },
      handler: async (evt, { trx }) => {
        await sql`insert into effect (event_id, n, txid) values (${evt.id}, ${(evt as CountedEvent).data.n}, txid_current()::text)`.execute(
          trx,
        );
      },
      onCommitted: (ids) => committed.push(...ids),
    });
    const events = await emitAll(Array.from({ length: 200 }, (_, i) => i));
    relay = new OutboxRelay({ database: opened.database, nc, prefix, logger: quiet });
    await relay.start();
    await waitFor(async () => relay.stats.published >= 200, { what: 'the backlog published' });
    await consumer.start(jsm);
    try {
      const ids = events.map((e) => e.id);
      await waitFor(() => consumer.stats.processed >= 200, { what: 'the backlog handled' });
      const effects = await effectsOf(ids);
      expect(effects).toHaveLength(200);
      expect(new Set(effects.map((e) => e.event_id)).size).toBe(200);
      // Batched: at most 50 events per transaction, so at least 4 and far fewer than 200.
      const transactions = new Set(effects.map((e) => e.txid));
      expect(transactions.size).toBeGreaterThanOrEqual(4);
      expect(transactions.size).toBeLessThan(50);
      expect([...committed].sort()).toEqual([...ids].sort());
      const inbox = await db()
        .selectFrom('inbox')
        .select('event_id')
        .where('consumer', '=', consumer.durableName)
        .execute();
      expect(inbox).toHaveLength(200);
    } finally {
      await consumer.stop();
    }
  });

  it('isolates a failing event: the rest of its batch commits, it is retried, then dead-lettered', async () => {
    const calls: { n: number; deliveryCount: number }[] = [];
    const consumer = new DurableConsumer({
      nc,
      database: opened.database,
      service: 'housing',
      prefix,
      name: 'Counter_cursed',
      contract: Cursed,
      logger: quiet,
      options: { batch: 20, concurrency: 1, maxDeliver: 2, backoffMs: [100] },
      handler: async (evt, { trx, deliveryCount }) => {
        calls.push({ n: (evt as CountedEvent).data.n, deliveryCount });
        // A database error: the batch's transaction is aborted, not only this event's work.
        if ((evt as CountedEvent).data.n === 1007) await sql`select 1 / 0`.execute(trx);
        await sql`insert into effect (event_id, n, txid) values (${evt.id}, ${(evt as CountedEvent).data.n}, 'cursed')`.execute(
          trx,
        );
      },
    });
    const events = await emitAll(
      Array.from({ length: 15 }, (_, i) => 1000 + i),
      Cursed,
    );
    await consumer.start(jsm);
    try {
      const poison = events[7]!;
      const others = events.filter((e) => e !== poison);
      await waitFor(async () => (await effectsOf(others.map((e) => e.id))).length === 14, {
        what: 'the 14 good events handled',
      });
      await waitFor(() => consumer.stats.deadLettered === 1, { what: 'the dead letter' });
      const letter = await deadLetterFor(consumer.durableName);
      expect(letter.json<{ id: string }>().id).toBe(poison.id);
      expect(letter.header.get(DEAD_LETTER_HEADERS.deliveries)).toBe('2');
      expect(letter.header.get(DEAD_LETTER_HEADERS.error)).toMatch(/division by zero/);
      // Exactly once each, though the batch that held the poison ran again one by one.
      const effects = await effectsOf(events.map((e) => e.id));
      expect(effects.map((e) => e.n).sort()).toEqual(others.map((e) => e.data.n).sort());
      expect(consumer.stats).toMatchObject({ processed: 14, deadLettered: 1, retried: 1 });
      const inbox = await db()
        .selectFrom('inbox')
        .select('event_id')
        .where('consumer', '=', consumer.durableName)
        .execute();
      expect(inbox.map((r) => r.event_id).sort()).toEqual(others.map((e) => e.id).sort());
      expect(calls.filter((c) => c.n === 1007).map((c) => c.deliveryCount)).toEqual(
        expect.arrayContaining([1, 2]),
      );
    } finally {
      await consumer.stop();
    }
  });

  it('gives a redelivered or replayed event no second effect', async () => {
    const consumer = new DurableConsumer({
      nc,
      database: opened.database,
      service: 'housing',
      prefix,
      name: 'Counter_replayed',
      contract: Replayed,
      logger: quiet,
      options: { batch: 10 },
      handler: async (evt, { trx }) => {
        await sql`insert into effect (event_id, n, txid) values (${evt.id}, ${(evt as CountedEvent).data.n}, 'replayed')`.execute(
          trx,
        );
      },
    });
    const [first] = await emitAll([2000], Replayed);
    await consumer.start(jsm);
    try {
      await waitFor(() => consumer.stats.processed >= 1, { what: 'the event handled' });
      // The same event published again twice under new message ids: two deliveries of one event.
      const js = nc.jetstream();
      const subject = prefixSubject(prefix, Replayed.type);
      for (const copy of ['a', 'b']) {
        await js.publish(subject, JSON.stringify(first), { msgID: `${first!.id}:${copy}` });
      }
      await waitFor(() => consumer.stats.duplicates >= 2, { what: 'both copies recognised' });
      expect(await effectsOf([first!.id])).toHaveLength(1);
    } finally {
      await consumer.stop();
    }
  });

  it('refuses a batch size that is not a positive integer', () => {
    expect(
      () =>
        new DurableConsumer({
          nc,
          database: opened.database,
          service: 'housing',
          name: 'Counter_bad',
          contract: Counted,
          options: { batch: 0 },
          handler: async () => undefined,
        }),
    ).toThrow(/batch must be a positive integer/);
  });

  async function deadLetterFor(durable: string): Promise<StoredMsg> {
    const stream = prefixStreamName(prefix, STREAMS.DEAD_LETTERS.name);
    return waitFor(
      async () => {
        const { state } = await jsm.streams.info(stream);
        for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
          const letter = await jsm.streams.getMessage(stream, { seq });
          if (letter.header.get(DEAD_LETTER_HEADERS.consumer) === durable) return letter;
        }
        return undefined;
      },
      { what: `the dead letter of ${durable}` },
    );
  }
});
