import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import {
  DeliverPolicy,
  connect,
  type ConsumerMessages,
  type JetStreamClient,
  type NatsConnection,
} from 'nats';
import type { Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { STREAMS, ensureStreams, prefixStreamName, type CloudEvent } from '@gm/shared-messaging';
import type { GatewayConfig } from '../config/gateway-config.js';
import { GATEWAY_CONFIG } from '../config/tokens.js';
import {
  EVENT_SERVICES,
  platformEventCatalogue,
  type EventCatalogue,
  type EventService,
} from './event-catalogue.js';
import type { StreamPosition } from './stream-position.js';
import { visibleEvent } from './visibility.js';

/** Messages the NATS client may hold per stream and client before the client stops pulling. */
const CONSUMER_BUFFER = 64;

/** Nest token of the event catalogue the live stream filters with (overridable in tests). */
export const EVENT_CATALOGUE = Symbol('gm:event-catalogue');
export const eventCatalogueProvider = {
  provide: EVENT_CATALOGUE,
  useFactory: platformEventCatalogue,
};

/** What one client's subscription hands to its writer, in stream order per service. */
export interface LiveDelivery {
  /** The event as the caller may see it; undefined when it is skipped for this caller. */
  event: CloudEvent | undefined;
  position: StreamPosition;
}

export interface LiveSubscription {
  /** Where the subscription starts: the position before the first delivery. */
  readonly start: StreamPosition;
  /** Starts delivering; `deliver` is awaited before the next message (back-pressure). */
  run(deliver: (delivery: LiveDelivery) => Promise<void>): Promise<void>;
  close(): void;
}

/**
 * The gateway's side of JetStream: one connection per replica, and per live client one ordered
 * (ephemeral, flow-controlled) consumer per service stream, starting exactly after the client's
 * last seen sequence. JetStream keeps the history, so nothing is buffered here beyond a few
 * messages per client, and every replica can resume any client.
 */
@Injectable()
export class LiveEventsHub
  implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown
{
  readonly #logger = new Logger('LiveEvents');
  #nc?: NatsConnection;
  #js?: JetStreamClient;
  readonly #subscriptions = new Set<LiveSubscription>();
  readonly #closeListeners = new Set<() => void>();

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(EVENT_CATALOGUE) private readonly catalogue: EventCatalogue,
  ) {}

  async onModuleInit(): Promise<void> {
    const nc = await connect({
      servers: this.config.NATS_URL,
      name: 'gateway:live-events',
      noAsyncTraces: true,
      maxReconnectAttempts: -1,
    });
    try {
      // The gateway may start before any service has created the streams it reads.
      await ensureStreams(await nc.jetstreamManager(), this.config.NATS_PREFIX);
    } catch (error) {
      await nc.close();
      throw error;
    }
    this.#nc = nc;
    this.#js = nc.jetstream();
  }

  /** Live clients, for shutdown: each registers how to end its response. */
  onShutdown(listener: () => void): () => void {
    this.#closeListeners.add(listener);
    return () => this.#closeListeners.delete(listener);
  }

  /** Ends every live response first: the HTTP server's close waits for open connections. */
  beforeApplicationShutdown(): void {
    this.#closeListeners.forEach((listener) => listener());
    this.#subscriptions.forEach((subscription) => subscription.close());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.#nc?.drain().catch(() => undefined);
  }

  async subscribe(
    identity: Identity | undefined,
    from: Partial<StreamPosition>,
  ): Promise<LiveSubscription> {
    const js = this.#js;
    if (!js || this.#nc?.isClosed())
      throw AppError.unavailable('the event stream is not connected');
    const jsm = await this.#nc!.jetstreamManager();
    const start = {} as StreamPosition;
    const messages: Partial<Record<EventService, ConsumerMessages>> = {};
    const closeAll = () => Object.values(messages).forEach((m) => m.stop());
    try {
      for (const service of EVENT_SERVICES) {
        const stream = this.streamName(service);
        // Without a Last-Event-ID the client starts at the stream's present end.
        const after = from[service] ?? (await jsm.streams.info(stream)).state.last_seq;
        start[service] = after;
        const consumer = await js.consumers.get(stream, {
          deliver_policy: DeliverPolicy.StartSequence,
          opt_start_seq: after + 1,
        });
        messages[service] = await consumer.consume({ max_messages: CONSUMER_BUFFER });
      }
    } catch (error) {
      closeAll();
      this.#logger.warn(`live events unavailable: ${(error as Error).message}`);
      throw AppError.unavailable('the event stream is not available');
    }
    const position = { ...start };
    const subscriptions = this.#subscriptions;
    const catalogue = this.catalogue;
    const subscription: LiveSubscription = {
      start,
      async run(deliver) {
        // One writer: each stream's loop waits for its delivery, so a slow client stops the pulls.
        let chain = Promise.resolve();
        const loops = EVENT_SERVICES.map(async (service) => {
          for await (const message of messages[service]!) {
            position[service] = message.seq;
            let payload: unknown;
            try {
              payload = message.json();
            } catch {
              payload = undefined;
            }
            const delivery = {
              event: visibleEvent(payload, catalogue, identity),
              position: { ...position },
            };
            chain = chain.then(() => deliver(delivery));
            await chain;
          }
        });
        try {
          await Promise.all(loops);
        } finally {
          closeAll();
        }
      },
      close() {
        subscriptions.delete(subscription);
        closeAll();
      },
    };
    subscriptions.add(subscription);
    return subscription;
  }

  private streamName(service: EventService): string {
    const key = `${service.toUpperCase()}_EVENTS` as keyof typeof STREAMS;
    return prefixStreamName(this.config.NATS_PREFIX, STREAMS[key].name);
  }
}
