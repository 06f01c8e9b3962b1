import { Logger } from '@nestjs/common';
import { SpanKind, context, trace, type Span } from '@opentelemetry/api';
import type { Kysely } from 'kysely';
import {
  AckPolicy,
  DeliverPolicy,
  nanos,
  type ConsumerConfig,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type NatsConnection,
} from 'nats';
import type { z } from 'zod';
import type { EventContract } from '@gm/shared-contracts';
import { inTransaction, type Database } from '@gm/shared-db';
import { fieldErrorsFromIssues } from '@gm/shared-errors';
import { CloudEventSchema, type CloudEvent } from '../cloudevent.js';
import { apiErrorCode, prefixStreamName, prefixSubject, streamForSubject } from '../streams.js';
import { deadLetterSubject, publishDeadLetter } from './dead-letters.js';
import type { DurableEventHandler, DurableEventOptions } from './on-durable-event.decorator.js';
import { eventMetrics } from './metrics.js';
import type { EventsLogger } from './outbox-relay.js';
import { Semaphore } from './semaphore.js';
import type { MessagingTables } from './tables.js';
import { contextFromMsgHeaders, errorMessage, recordFailure, tracer } from './trace.js';

export interface DurableConsumerOptions {
  nc: NatsConnection;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any service's database: the inbox and the handler's own tables
  database: Database<any>;
  service: string;
  /** NATS_PREFIX. */
  prefix?: string;
  /** The handler's name, e.g. `TicketEvents_onAssigned`: part of the durable and dead-letter names. */
  name: string;
  contract: EventContract;
  handler: DurableEventHandler;
  options?: DurableEventOptions;
  logger?: EventsLogger;
  /** Called with the ids of the events whose effects just committed: for metrics, tests and benchmarks. */
  onCommitted?: (eventIds: readonly string[]) => void;
}

/** What became of one delivery. */
export type DeliveryOutcome = 'processed' | 'duplicate' | 'retry' | 'dead-lettered';

export interface DurableConsumerStats {
  processed: number;
  duplicates: number;
  retried: number;
  deadLettered: number;
}

const DEFAULTS = {
  maxDeliver: 5,
  concurrency: 4,
  backoffMs: [1000, 5000, 15_000, 30_000],
  ackWaitMs: 30_000,
  batch: 1,
};
/**
 * JetStream may deliver a few times past `maxDeliver`: when the dead-letter publish itself fails
 * (the message is kept and retried instead of being dropped) or a process dies mid-delivery.
 */
const DEAD_LETTER_GRACE_DELIVERIES = 3;
const DEAD_LETTER_PUBLISH_TIMEOUT_MS = 5000;
const CONSUMER_NOT_FOUND = 10014;

type Parsed = { event: CloudEvent } | { invalid: string };

/** A valid delivery of a batch, with its span. */
interface BatchItem {
  msg: JsMsg;
  event: CloudEvent;
  span: Span;
}

/**
 * One handler's JetStream durable pull consumer. Each message is validated, then handled in one
 * transaction with the insert of its id into `inbox`, so a redelivery has no second effect; a
 * failure is retried after a back-off, and given up on into the dead-letter stream after the
 * last delivery (at once for a message that can never be valid). With `batch` > 1, events that
 * wait together share one transaction and one commit (see `processBatch`).
 */
export class DurableConsumer {
  readonly durableName: string;
  readonly streamName: string;
  readonly filterSubject: string;
  readonly deadLetterSubject: string;
  readonly #stats: DurableConsumerStats = {
    processed: 0,
    duplicates: 0,
    retried: 0,
    deadLettered: 0,
  };
  readonly #settings: typeof DEFAULTS;
  readonly #js: JetStreamClient;
  readonly #db: Kysely<MessagingTables>;
  readonly #logger: EventsLogger;
  readonly #slots: Semaphore;
  #messages?: ConsumerMessages;
  #pumping?: Promise<void>;
  /** Batch mode: flushes waiting for a slot. */
  readonly #flushes = new Set<Promise<void>>();
  #stopping = false;

  constructor(private readonly options: DurableConsumerOptions) {
    const prefix = options.prefix ?? '';
    const handlerToken = subjectToken(options.name);
    this.durableName = [prefix, options.service, options.name]
      .filter(Boolean)
      .map(subjectToken)
      .join('_');
    this.streamName = prefixStreamName(prefix, streamForSubject(options.contract.type).name);
    this.filterSubject = prefixSubject(prefix, options.contract.type);
    this.deadLetterSubject = deadLetterSubject(prefix, subjectToken(options.service), handlerToken);
    this.#settings = { ...DEFAULTS, ...definedOnly(options.options ?? {}) };
    if (this.#settings.backoffMs.length === 0) this.#settings.backoffMs = DEFAULTS.backoffMs;
    const { batch } = this.#settings;
    if (!Number.isInteger(batch) || batch < 1)
      throw new Error(`${options.name}: batch must be a positive integer, got ${batch}`);
    this.#js = options.nc.jetstream();
    this.#db = options.database.db;
    this.#logger = options.logger ?? new Logger(`DurableConsumer ${this.durableName}`);
    this.#slots = new Semaphore(this.#settings.concurrency);
  }

  get stats(): Readonly<DurableConsumerStats> {
    return { ...this.#stats };
  }

  /** Creates the durable consumer, or updates the settings that JetStream lets change. */
  async ensure(jsm: JetStreamManager): Promise<void> {
    const { maxDeliver, ackWaitMs } = this.#settings;
    const changeable = {
      description: `${this.options.service}: ${this.options.contract.type} -> ${this.options.name}`,
      max_deliver: maxDeliver + DEAD_LETTER_GRACE_DELIVERIES,
      ack_wait: nanos(ackWaitMs),
    };
    try {
      await jsm.consumers.info(this.streamName, this.durableName);
    } catch (error) {
      if (apiErrorCode(error) !== CONSUMER_NOT_FOUND) throw error;
      const config: Partial<ConsumerConfig> = {
        ...changeable,
        durable_name: this.durableName,
        filter_subject: this.filterSubject,
        ack_policy: AckPolicy.Explicit,
        // A consumer created after events were published still gets them: nothing is lost.
        deliver_policy: DeliverPolicy.All,
      };
      await jsm.consumers.add(this.streamName, config);
      return;
    }
    await jsm.consumers.update(this.streamName, this.durableName, changeable);
  }

  /** Ensures the consumer and starts handling its messages. */
  async start(jsm: JetStreamManager): Promise<void> {
    await this.ensure(jsm);
    const consumer = await this.#js.consumers.get(this.streamName, this.durableName);
    // Pull no more than can be handled, so waiting messages stay available to other replicas.
    const { concurrency, batch } = this.#settings;
    this.#messages = await consumer.consume({ max_messages: concurrency * batch });
    this.#pumping = batch > 1 ? this.pumpBatches(this.#messages) : this.pump(this.#messages);
  }

  /** Stops pulling and waits for the messages in hand. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#messages?.stop();
    await this.#pumping;
    await Promise.all(this.#flushes);
    await this.#slots.idle();
  }

  private async pump(messages: ConsumerMessages): Promise<void> {
    for await (const msg of messages) {
      await this.#slots.acquire();
      if (this.#stopping) {
        this.#slots.release();
        settle(() => msg.nak());
        continue;
      }
      void this.process(msg).finally(() => this.#slots.release());
    }
  }

  /**
   * Batch mode. The consume loop hands over every message it has buffered before the next
   * macrotask, so a flush scheduled with `setImmediate` takes what arrived together, up to
   * `batch`, and handles it in one slot. While every slot is busy the next batch fills up: batches
   * grow with the load, and a lone event still goes at once.
   */
  private async pumpBatches(messages: ConsumerMessages): Promise<void> {
    const size = this.#settings.batch;
    const pending: JsMsg[] = [];
    const flush = async (): Promise<void> => {
      await this.#slots.acquire();
      const taken = pending.splice(0, size);
      if (taken.length === 0) return this.#slots.release();
      if (this.#stopping) {
        taken.forEach((msg) => settle(() => msg.nak()));
        return this.#slots.release();
      }
      void this.processBatch(taken).finally(() => this.#slots.release());
    };
    const track = (flushing: Promise<void>) => {
      this.#flushes.add(flushing);
      void flushing.finally(() => this.#flushes.delete(flushing));
      return flushing;
    };
    for await (const msg of messages) {
      pending.push(msg);
      if (pending.length >= size) await track(flush());
      else if (pending.length === 1) track(new Promise((next) => setImmediate(next)).then(flush));
    }
  }

  /**
   * Handles a batch in one transaction (inbox rows and effects, one commit), then acks it. If
   * anything in it fails, the batch rolls back and each event is handled on its own, so only the
   * failing one is retried or dead-lettered. Never throws.
   */
  private async processBatch(msgs: JsMsg[]): Promise<void> {
    const items: BatchItem[] = [];
    const invalid: Promise<DeliveryOutcome>[] = [];
    for (const msg of msgs) {
      const parsed = this.parse(msg);
      // Dead-lettered at once, by the one-message path.
      if ('invalid' in parsed) invalid.push(this.process(msg));
      else items.push({ msg, event: parsed.event, span: this.startProcessSpan(msg) });
    }
    if (items.length > 0) await this.handleBatch(items);
    await Promise.all(invalid);
  }

  private async handleBatch(items: BatchItem[]): Promise<void> {
    const { contract } = this.options;
    let handled: boolean[];
    try {
      handled = await tracer.startActiveSpan(
        `process ${contract.type} batch`,
        {
          kind: SpanKind.CONSUMER,
          attributes: {
            'messaging.system': 'nats',
            'messaging.operation.type': 'process',
            'messaging.consumer.group.name': this.durableName,
            'messaging.batch.message_count': items.length,
          },
          links: items.map(({ span }) => ({ context: span.spanContext() })),
        },
        async (batchSpan) => {
          try {
            return await this.handleBatchOnce(items);
          } catch (error) {
            recordFailure(batchSpan, error);
            throw error;
          } finally {
            batchSpan.end();
          }
        },
      );
    } catch {
      for (const { span } of items) {
        span.setAttribute('gm.delivery.outcome', 'batch-failed');
        span.end();
      }
      // One transaction per event now: the failing one is retried or dead-lettered alone.
      for (const { msg } of items) await this.process(msg);
      return;
    }
    const committed: string[] = [];
    items.forEach(({ msg, event, span }, i) => {
      const outcome: DeliveryOutcome = handled[i] ? 'processed' : 'duplicate';
      // A lost ack only means a redelivery, which the inbox turns into a no-op.
      settle(() => msg.ack());
      this.#stats[handled[i] ? 'processed' : 'duplicates']++;
      if (handled[i]) committed.push(event.id);
      span.setAttribute('gm.delivery.outcome', outcome);
      span.end();
      eventMetrics.consumed.inc({ consumer: this.durableName, outcome });
    });
    const last = items[items.length - 1]!.msg;
    eventMetrics.consumerPending.set({ consumer: this.durableName }, last.info.pending);
    if (committed.length > 0) this.committed(committed);
  }

  /** Runs the handler for each event of the batch this consumer has not handled yet, in one transaction. */
  private handleBatchOnce(items: BatchItem[]): Promise<boolean[]> {
    return inTransaction(this.#db, async (trx) => {
      // Sorted, so two batches holding the same redelivered events lock inbox keys in one order.
      const ids = [...new Set(items.map(({ event }) => event.id.toLowerCase()))].sort();
      const claimed = new Set(
        (
          await trx
            .insertInto('inbox')
            .values(ids.map((id) => ({ consumer: this.durableName, event_id: id })))
            .onConflict((oc) => oc.doNothing())
            .returning('event_id')
            .execute()
        ).map((row) => row.event_id.toLowerCase()),
      );
      const handled: boolean[] = [];
      for (const { msg, event, span } of items) {
        const id = event.id.toLowerCase();
        // The same event twice in one batch (a redelivery) has one effect.
        const first = claimed.delete(id);
        handled.push(first);
        if (!first) continue;
        await context.with(trace.setSpan(context.active(), span), () =>
          this.options.handler(event, { trx, deliveryCount: msg.info.redeliveryCount }),
        );
      }
      return handled;
    });
  }

  /** Tells `onCommitted`; its failure is logged, never mistaken for the handler's. */
  private committed(eventIds: string[]): void {
    try {
      this.options.onCommitted?.(eventIds);
    } catch (error) {
      this.#logger.error(`onCommitted failed: ${errorMessage(error)}`);
    }
  }

  private startProcessSpan(msg: JsMsg): Span {
    return tracer.startSpan(
      `process ${this.options.contract.type}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'nats',
          'messaging.operation.type': 'process',
          'messaging.destination.name': msg.subject,
          'messaging.consumer.group.name': this.durableName,
          'messaging.message.delivery_count': msg.info.redeliveryCount,
        },
      },
      contextFromMsgHeaders(msg.headers),
    );
  }

  /** Handles one delivery and acks, naks or terminates it. Never throws. */
  process(msg: JsMsg): Promise<DeliveryOutcome> {
    const { contract } = this.options;
    return tracer.startActiveSpan(
      `process ${contract.type}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'nats',
          'messaging.operation.type': 'process',
          'messaging.destination.name': msg.subject,
          'messaging.consumer.group.name': this.durableName,
          'messaging.message.delivery_count': msg.info.redeliveryCount,
        },
      },
      contextFromMsgHeaders(msg.headers),
      async (span) => {
        try {
          const outcome = await this.deliver(msg);
          span.setAttribute('gm.delivery.outcome', outcome);
          eventMetrics.consumed.inc({ consumer: this.durableName, outcome });
          eventMetrics.consumerPending.set({ consumer: this.durableName }, msg.info.pending);
          return outcome;
        } finally {
          span.end();
        }
      },
    );
  }

  private async deliver(msg: JsMsg): Promise<DeliveryOutcome> {
    const deliveries = msg.info.redeliveryCount;
    const parsed = this.parse(msg);
    if ('invalid' in parsed) return this.deadLetter(msg, parsed.invalid, deliveries);
    let handled: boolean;
    try {
      handled = await this.handleOnce(parsed.event, deliveries);
    } catch (error) {
      const span = trace.getActiveSpan();
      if (span) recordFailure(span, error);
      return this.failed(msg, parsed.event, error, deliveries);
    }
    // A lost ack only means a redelivery, which the inbox turns into a no-op.
    settle(() => msg.ack());
    this.#stats[handled ? 'processed' : 'duplicates']++;
    if (handled) this.committed([parsed.event.id]);
    return handled ? 'processed' : 'duplicate';
  }

  /** Runs the handler unless this consumer already has; false when it had. */
  private handleOnce(event: CloudEvent, deliveryCount: number): Promise<boolean> {
    return inTransaction(this.#db, async (trx) => {
      const claimed = await trx
        .insertInto('inbox')
        .values({ consumer: this.durableName, event_id: event.id })
        .onConflict((oc) => oc.doNothing())
        .returning('event_id')
        .executeTakeFirst();
      if (!claimed) return false;
      await this.options.handler(event, { trx, deliveryCount });
      return true;
    });
  }

  private parse(msg: JsMsg): Parsed {
    const { contract } = this.options;
    let body: unknown;
    try {
      body = msg.json();
    } catch {
      return { invalid: 'payload is not JSON' };
    }
    const envelope = CloudEventSchema.safeParse(body);
    if (!envelope.success)
      return { invalid: describeIssues('invalid CloudEvent envelope', envelope.error.issues) };
    if (envelope.data.type !== contract.type) {
      return { invalid: `event type ${envelope.data.type} on the subject of ${contract.type}` };
    }
    const data = contract.data.safeParse(envelope.data.data);
    if (!data.success) {
      return {
        invalid: describeIssues(`invalid data of ${contract.type}`, data.error.issues, 'data'),
      };
    }
    return { event: { ...envelope.data, data: data.data } };
  }

  private async failed(
    msg: JsMsg,
    event: CloudEvent,
    error: unknown,
    deliveries: number,
  ): Promise<DeliveryOutcome> {
    const { maxDeliver } = this.#settings;
    if (deliveries >= maxDeliver) return this.deadLetter(msg, errorMessage(error), deliveries);
    const delay = this.backoffMs(deliveries);
    this.#logger.warn(
      `${event.type} ${event.id} failed (delivery ${deliveries} of ${maxDeliver}), retrying in ${delay} ms: ${errorMessage(error)}`,
    );
    settle(() => msg.nak(delay));
    this.#stats.retried++;
    return 'retry';
  }

  private async deadLetter(
    msg: JsMsg,
    error: string,
    deliveries: number,
  ): Promise<DeliveryOutcome> {
    try {
      await publishDeadLetter(this.#js, {
        msg,
        subject: this.deadLetterSubject,
        consumer: this.durableName,
        error,
        deliveries,
        timeoutMs: DEAD_LETTER_PUBLISH_TIMEOUT_MS,
      });
    } catch (publishError) {
      // Keep the message rather than lose it: it comes back and is dead-lettered then.
      this.#logger.error(
        `cannot dead-letter message ${msg.seq} (${errorMessage(publishError)}); retrying`,
      );
      settle(() => msg.nak(this.backoffMs(deliveries)));
      this.#stats.retried++;
      return 'retry';
    }
    this.#logger.error(
      `gave up on message ${msg.seq} of ${msg.subject} after ${deliveries} deliveries: ${error}`,
    );
    settle(() => msg.term());
    this.#stats.deadLettered++;
    return 'dead-lettered';
  }

  private backoffMs(deliveries: number): number {
    const { backoffMs } = this.#settings;
    return backoffMs[Math.min(deliveries, backoffMs.length) - 1] as number;
  }
}

/** Durable names and subject tokens: letters, digits, `_` and `-` only. */
export function subjectToken(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

function describeIssues(what: string, issues: readonly z.core.$ZodIssue[], prefix = ''): string {
  const details = fieldErrorsFromIssues(issues, prefix).map(
    (e) => `${e.path || '(root)'}: ${e.message}`,
  );
  return `${what}: ${details.join('; ')}`;
}

/** Acks and naks are fire-and-forget; on a closed connection they throw, and JetStream redelivers anyway. */
function settle(action: () => void): void {
  try {
    action();
  } catch {
    // Nothing to do: the message is redelivered after its ack wait.
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
