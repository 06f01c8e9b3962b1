import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Global, Injectable, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { sql, type Kysely } from 'kysely';
import {
  connect,
  headers as natsHeaders,
  type JetStreamManager,
  type NatsConnection,
  type StoredMsg,
} from 'nats';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { event } from '@gm/shared-contracts';
import { DATABASE } from '@gm/shared-db';
import {
  openTestDatabase,
  testNatsUrl,
  uniquePrefix,
  waitFor,
  type OpenedTestDatabase,
} from '@gm/shared-testing';
import type { CloudEvent } from '../cloudevent.js';
import { main as dlqMain, type DeadLetterEntry } from '../dlq-cli.js';
import { prefixStreamName, prefixSubject, STREAMS } from '../streams.js';
import { DEAD_LETTER_HEADERS } from './dead-letters.js';
import { DurableConsumer } from './durable-consumer.js';
import { EventsHost, EventsModule } from './events.module.js';
import { eventMetrics } from './metrics.js';
import { OnDurableEvent, type DurableEventContext } from './on-durable-event.decorator.js';
import { Outbox } from './outbox.js';
import type { MessagingTables } from './tables.js';

jest.setTimeout(60_000);

const SampleScored = event('triage.evt.sample.scored.v1', z.object({ n: z.number().int() }));
type Scored = CloudEvent<z.output<typeof SampleScored.data>>;

interface DB extends MessagingTables {
  effect: { handler: string; event_id: string; n: number };
}

const ACK_WAIT_MS = 1500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The handler under test: its effect is a row written with the transaction it is given. */
@Injectable()
class ScoreRecorder {
  readonly calls: { id: string; n: number; deliveryCount: number }[] = [];
  /** Samples whose handling throws. */
  readonly cursed = new Set<number>();
  /** Samples whose first handling outlasts the ack wait, so JetStream redelivers them meanwhile. */
  readonly slow = new Set<number>();

  @OnDurableEvent(SampleScored, {
    maxDeliver: 3,
    backoffMs: [100, 200],
    ackWaitMs: ACK_WAIT_MS,
    concurrency: 2,
  })
  async record(event: Scored, { trx, deliveryCount }: DurableEventContext): Promise<void> {
    this.calls.push({ id: event.id, n: event.data.n, deliveryCount });
    if (this.cursed.has(event.data.n)) throw new Error(`sample ${event.data.n} is cursed`);
    if (this.slow.has(event.data.n) && deliveryCount === 1) await sleep(ACK_WAIT_MS + 1000);
    await trx
      .insertInto('effect')
      .values({ handler: 'recorder', event_id: event.id, n: event.data.n })
      .execute();
  }
}

/** A second consumer of the same events, which never fails. */
@Injectable()
class ScoreAudit {
  @OnDurableEvent(SampleScored, { durable: 'audit' })
  async audit(event: Scored, { trx }: DurableEventContext): Promise<void> {
    await trx
      .insertInto('effect')
      .values({ handler: 'audit', event_id: event.id, n: event.data.n })
      .execute();
  }
}

describe('EventsModule: durable consumers', () => {
  const prefix = uniquePrefix('durable');
  const service = 'housing';
  const deadLetterStream = prefixStreamName(prefix, STREAMS.DEAD_LETTERS.name);
  let opened: OpenedTestDatabase<DB>;
  let app: TestingModule;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let recorder: ScoreRecorder;
  let host: EventsHost;
  const db = (): Kysely<DB> => opened.database.db;

  const emit = async (n: number): Promise<Scored> =>
    app.get(Outbox).add(db(), SampleScored, { n }, { subject: `sample-${n}` });

  const effects = (eventId: string) =>
    db()
      .selectFrom('effect')
      .select(['handler', 'n'])
      .where('event_id', '=', eventId)
      .orderBy('handler')
      .execute();

  const bothHandled = (eventId: string) =>
    waitFor(async () => (await effects(eventId)).length === 2, {
      timeoutMs: 15_000,
      what: `both effects of ${eventId}`,
    });

  const deadLetters = async (): Promise<StoredMsg[]> => {
    const { state } = await jsm.streams.info(deadLetterStream);
    const letters: StoredMsg[] = [];
    for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
      letters.push(await jsm.streams.getMessage(deadLetterStream, { seq }));
    }
    return letters;
  };

  const deadLetterOf = (predicate: (letter: StoredMsg) => boolean) =>
    waitFor(async () => (await deadLetters()).find(predicate), {
      timeoutMs: 15_000,
      what: 'the dead letter',
    });

  beforeAll(async () => {
    opened = await openTestDatabase<DB>({ service, schema: service });

    @Global()
    @Module({ providers: [{ provide: DATABASE, useValue: opened.database }], exports: [DATABASE] })
    class TestDatabaseModule {}

    app = await Test.createTestingModule({
      imports: [
        TestDatabaseModule,
        EventsModule.forRoot({ service, natsUrl: testNatsUrl(), prefix }),
      ],
      providers: [ScoreRecorder, ScoreAudit],
    }).compile();
    await app.init();
    // After init: the module's migrations created the service schema. No key: a second effect would show.
    await sql`create table effect (handler text not null, event_id uuid not null, n int not null)`.execute(
      db(),
    );
    recorder = app.get(ScoreRecorder);
    host = app.get(EventsHost);
    nc = await connect({ servers: testNatsUrl(), noAsyncTraces: true });
    jsm = await nc.jetstreamManager();
  });

  afterAll(async () => {
    try {
      await app?.close();
      if (jsm) {
        for await (const name of jsm.streams.names())
          if (name.startsWith(`${prefix}_`)) await jsm.streams.delete(name);
      }
      await nc?.close();
    } finally {
      await opened?.cleanup();
    }
  });

  it('creates one durable consumer per handler, named after the service and the handler', async () => {
    expect(host.isReady()).toBe(true);
    const names = host.consumers.map((c) => c.durableName).sort();
    expect(names).toEqual([
      `${prefix}_${service}_ScoreRecorder_record`,
      `${prefix}_${service}_audit`,
    ]);
    const info = await jsm.consumers.info(
      prefixStreamName(prefix, STREAMS.TRIAGE_EVENTS.name),
      `${prefix}_${service}_ScoreRecorder_record`,
    );
    expect(info.config).toMatchObject({
      filter_subject: prefixSubject(prefix, SampleScored.type),
      ack_policy: 'explicit',
      ack_wait: ACK_WAIT_MS * 1_000_000,
    });
  });

  it('runs each handler once per event, in the transaction that records it in the inbox', async () => {
    const emitted = await emit(1);
    await bothHandled(emitted.id);
    expect(await effects(emitted.id)).toEqual([
      { handler: 'audit', n: 1 },
      { handler: 'recorder', n: 1 },
    ]);
    const inbox = await db()
      .selectFrom('inbox')
      .select('consumer')
      .where('event_id', '=', emitted.id)
      .execute();
    expect(inbox.map((row) => row.consumer).sort()).toEqual(
      host.consumers.map((c) => c.durableName).sort(),
    );
  });

  it('gives a redelivered event no second effect', async () => {
    recorder.slow.add(2);
    const duplicatesBefore = consumer('ScoreRecorder_record').stats.duplicates;
    const emitted = await emit(2);
    await bothHandled(emitted.id);
    // The first delivery outlasted its ack wait, so JetStream delivered the event again meanwhile.
    await waitFor(() => consumer('ScoreRecorder_record').stats.duplicates > duplicatesBefore, {
      what: 'the redelivery to be recognised',
    });
    expect(recorder.calls.filter((c) => c.id === emitted.id)).toEqual([
      { id: emitted.id, n: 2, deliveryCount: 1 },
    ]);
    expect(await effects(emitted.id)).toEqual([
      { handler: 'audit', n: 2 },
      { handler: 'recorder', n: 2 },
    ]);
  });

  it('dead-letters an event whose handler keeps failing, and goes on with the next ones', async () => {
    recorder.cursed.add(3);
    const poison = await emit(3);
    const next = await emit(4);
    await bothHandled(next.id);

    const letter = await deadLetterOf((l) => l.json<{ id: string }>().id === poison.id);
    const durable = `${prefix}_${service}_ScoreRecorder_record`;
    expect(letter.subject).toBe(`${prefix}.dlq.${service}.ScoreRecorder_record`);
    expect(letter.header.get(DEAD_LETTER_HEADERS.error)).toBe('sample 3 is cursed');
    expect(letter.header.get(DEAD_LETTER_HEADERS.originalSubject)).toBe(
      prefixSubject(prefix, SampleScored.type),
    );
    expect(letter.header.get(DEAD_LETTER_HEADERS.consumer)).toBe(durable);
    expect(letter.header.get(DEAD_LETTER_HEADERS.deliveries)).toBe('3');
    expect(letter.json()).toEqual(JSON.parse(JSON.stringify(poison)));
    expect(recorder.calls.filter((c) => c.id === poison.id).map((c) => c.deliveryCount)).toEqual([
      1, 2, 3,
    ]);
    // The other consumer of the event was not disturbed.
    expect(await effects(poison.id)).toEqual([{ handler: 'audit', n: 3 }]);

    const later = await emit(5);
    await bothHandled(later.id);
  });

  it('dead-letters an invalid event at once, without calling the handler', async () => {
    const js = nc.jetstream();
    const subject = prefixSubject(prefix, SampleScored.type);
    const invalid = { ...validEnvelope(), data: { n: 'seven' } };
    await js.publish(subject, JSON.stringify(invalid), { msgID: invalid.id, headers: ceHeaders() });
    await js.publish(subject, 'not json at all', { msgID: uuidv7(), headers: ceHeaders() });
    const next = await emit(6);

    const letter = await deadLetterOf(
      (l) =>
        l.header.get(DEAD_LETTER_HEADERS.consumer).endsWith('_audit') &&
        l.string().includes(invalid.id),
    );
    expect(letter.header.get(DEAD_LETTER_HEADERS.deliveries)).toBe('1');
    expect(letter.header.get(DEAD_LETTER_HEADERS.error)).toMatch(
      /^invalid data of triage\.evt\.sample\.scored\.v1: data\.n: /,
    );
    const garbage = await deadLetterOf(
      (l) =>
        l.header.get(DEAD_LETTER_HEADERS.consumer).endsWith('_audit') &&
        l.string() === 'not json at all',
    );
    expect(garbage.header.get(DEAD_LETTER_HEADERS.error)).toBe('payload is not JSON');
    expect(recorder.calls.some((c) => c.id === invalid.id)).toBe(false);
    await bothHandled(next.id);
  });

  it('replays a dead letter through the operator command, reaching the fixed handler once', async () => {
    const poisonCall = recorder.calls.find((c) => c.n === 3);
    expect(poisonCall).toBeDefined();
    const poisonId = poisonCall!.id;
    const lines: string[] = [];
    const io = {
      out: (line: string) => lines.push(line),
      err: (line: string) => lines.push(`ERR ${line}`),
    };
    const env = { NATS_URL: testNatsUrl(), NATS_PREFIX: prefix };

    expect(await dlqMain(['dlq', 'list'], env, io)).toBe(0);
    const listed = lines.map((line) => JSON.parse(line) as DeadLetterEntry);
    const entry = listed.find((e) => e.eventId === poisonId);
    expect(entry).toMatchObject({
      consumer: `${prefix}_${service}_ScoreRecorder_record`,
      error: 'sample 3 is cursed',
    });

    recorder.cursed.delete(3);
    lines.length = 0;
    expect(await dlqMain(['replay', String(entry!.seq)], env, io)).toBe(0);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      eventId: poisonId,
      msgId: `${poisonId}:replay:${entry!.seq}`,
      duplicate: false,
    });

    await bothHandled(poisonId);
    // The audit consumer, which had handled the event already, received the replay too but did nothing.
    await waitFor(() => consumer('audit').stats.duplicates > 0, {
      what: 'the audit consumer to skip the replay',
    });
    expect(await effects(poisonId)).toEqual([
      { handler: 'audit', n: 3 },
      { handler: 'recorder', n: 3 },
    ]);
  });

  it('updates an existing durable consumer to changed settings at the next start', async () => {
    const stream = prefixStreamName(prefix, STREAMS.TRIAGE_EVENTS.name);
    const durable = `${prefix}_${service}_ScoreRecorder_record`;
    const restarted = new DurableConsumer({
      nc,
      database: opened.database,
      service,
      prefix,
      name: 'ScoreRecorder_record',
      contract: SampleScored,
      handler: async () => undefined,
      options: { maxDeliver: 7, ackWaitMs: 2500 },
    });
    await restarted.ensure(jsm);
    const info = await jsm.consumers.info(stream, durable);
    // maxDeliver plus the grace deliveries that keep a message whose dead-lettering failed.
    expect(info.config).toMatchObject({ max_deliver: 10, ack_wait: 2500 * 1_000_000 });
    expect(info.config.filter_subject).toBe(prefixSubject(prefix, SampleScored.type));
  });

  it('reports the backlog and what the consumers did as Prometheus metrics', async () => {
    await waitFor(async () => (await host.backlog()) === 0, { what: 'an empty outbox backlog' });
    const backlog = await eventMetrics.outboxBacklog.get();
    expect(backlog.values).toEqual([expect.objectContaining({ value: 0 })]);

    const durable = consumer('ScoreRecorder_record').durableName;
    const consumed = (await eventMetrics.consumed.get()).values.filter(
      (v) => v.labels.consumer === durable,
    );
    const outcomes = Object.fromEntries(consumed.map((v) => [v.labels.outcome, v.value]));
    expect(outcomes).toMatchObject({
      processed: expect.any(Number),
      duplicate: expect.any(Number),
      retry: 2,
      'dead-lettered': 3,
    });
    const published = (await eventMetrics.published.get()).values.find(
      (v) => v.labels.type === SampleScored.type,
    );
    expect(published?.value).toBeGreaterThanOrEqual(6);
  });

  function consumer(name: string) {
    const found = host.consumers.find((c) => c.durableName.endsWith(`_${name}`));
    if (!found) throw new Error(`no consumer ${name}`);
    return found;
  }

  function validEnvelope() {
    return {
      specversion: '1.0',
      id: uuidv7(),
      source: '/guangming/triage',
      type: SampleScored.type,
      time: new Date().toISOString(),
      subject: 'sample-x',
      datacontenttype: 'application/json',
      data: { n: 0 },
    };
  }

  function ceHeaders() {
    const h = natsHeaders();
    h.set('Ce-Type', SampleScored.type);
    return h;
  }
});
