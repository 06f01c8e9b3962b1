import { Logger } from '@nestjs/common';
import { SpanKind, trace } from '@opentelemetry/api';
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
};
/**
 * JetStream may deliver a few times past `maxDeliver`: when the dead-letter publish itself fails
 * (the message is kept and retried instead of being dropped) or a process dies mid-delivery.
 */
const DEAD_LETTER_GRACE_DELIVERIES = 3;
const DEAD_LETTER_PUBLISH_TIMEOUT_MS = 5000;
const CONSUMER_NOT_FOUND = 10014;

type Parsed = { event: CloudEvent } | { invalid: string };

/**
 * One handler's JetStream durable pull consumer. Each message is validated, then handled in one
 * transaction with the insert of its id into `inbox`, so a redelivery has no second effect; a
 * failure is retried after a back-off, and given up on into the dead-letter stream after the
 * last delivery (at once for a message that can never be valid).
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
    this.#messages = await consumer.consume({ max_messages: this.#settings.concurrency });
    this.#pumping = this.pump(this.#messages);
  }

  /** Stops pulling and waits for the messages in hand. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#messages?.stop();
    await this.#pumping;
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
