import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { connect, type NatsConnection } from 'nats';
import { DATABASE, migrateToLatest, type Database } from '@gm/shared-db';
import { ensureStreams } from '../streams.js';
import { DurableConsumer } from './durable-consumer.js';
import { addBacklogProbe } from './metrics.js';
import { MESSAGING_MIGRATION_TABLE, messagingMigrations } from './migrations.js';
import { NatsConnectionState } from './nats-connection.js';
import {
  DURABLE_EVENT_METADATA,
  type DurableEventHandler,
  type DurableEventMetadata,
} from './on-durable-event.decorator.js';
import { Outbox } from './outbox.js';
import { OutboxRelay, outboxBacklog, type OutboxRelayOptions } from './outbox-relay.js';
import { natsConnectionOptions } from '../nats-options.js';

export type OutboxRelayTuning = Omit<OutboxRelayOptions, 'database' | 'nc' | 'prefix' | 'logger'>;

export interface EventsModuleOptions {
  /** The service's name, e.g. `resources`: part of the durable names and the event `source`. */
  service: string;
  natsUrl: string;
  /** NATS_PREFIX; '' in production. */
  prefix?: string;
  /** Publish this service's outbox. Default true. */
  relay?: boolean;
  relayOptions?: OutboxRelayTuning;
  /** Start the `@OnDurableEvent` handlers. Default true. */
  consumers?: boolean;
  /** Apply the messaging migrations (outbox, inbox) at start. Default true; off where a migration Job does it. */
  migrate?: boolean;
}

export const EVENTS_MODULE_OPTIONS = Symbol('gm:events-module-options');

/** A discovered `@OnDurableEvent` method. */
interface HandlerBinding extends DurableEventMetadata {
  name: string;
  handler: DurableEventHandler;
}

/**
 * Runs the durable-events machinery of one service: at init the messaging migrations, the
 * streams and the outbox relay; at bootstrap one durable consumer per `@OnDurableEvent` method;
 * at shutdown it stops them, before the database closes.
 */
@Injectable()
export class EventsHost implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  readonly #logger = new Logger('Events');
  #nc?: NatsConnection;
  #connection?: NatsConnectionState;
  #relay?: OutboxRelay;
  #consumers: DurableConsumer[] = [];
  #removeBacklogProbe?: () => void;

  constructor(
    @Inject(EVENTS_MODULE_OPTIONS) private readonly options: EventsModuleOptions,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the service's own DB type is not known here
    @Inject(DATABASE) private readonly database: Database<any>,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  async onModuleInit(): Promise<void> {
    const { service, natsUrl, prefix = '' } = this.options;
    if (this.options.migrate !== false) {
      await migrateToLatest(this.database, messagingMigrations, {
        table: MESSAGING_MIGRATION_TABLE,
      });
    }
    const nc = await connect({
      ...natsConnectionOptions(natsUrl),
      name: `${service}:events`,
      noAsyncTraces: true,
      // Keep trying for as long as the process lives; the relay catches up afterwards.
      maxReconnectAttempts: -1,
    });
    try {
      await ensureStreams(await nc.jetstreamManager(), prefix);
      if (this.options.relay !== false) {
        const relay = new OutboxRelay({
          ...this.options.relayOptions,
          database: this.database,
          nc,
          prefix,
        });
        await relay.start();
        this.#relay = relay;
      }
    } catch (error) {
      await nc.close();
      throw error;
    }
    this.#nc = nc;
    this.#connection = new NatsConnectionState(nc);
    this.#removeBacklogProbe = addBacklogProbe(() => this.backlog());
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.consumers === false) return;
    const jsm = await this.connection.jetstreamManager();
    for (const binding of this.discoverHandlers()) {
      const consumer = new DurableConsumer({
        nc: this.connection,
        database: this.database,
        service: this.options.service,
        prefix: this.options.prefix,
        name: binding.name,
        contract: binding.contract,
        handler: binding.handler,
        options: binding.options,
      });
      await consumer.start(jsm);
      this.#consumers.push(consumer);
      this.#logger.log(
        `${binding.name} consumes ${consumer.filterSubject} as ${consumer.durableName}`,
      );
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.#removeBacklogProbe?.();
    await Promise.all(this.#consumers.map((consumer) => consumer.stop()));
    // The relay finishes its batch while the connection is still up; draining flushes the acks.
    await this.#relay?.stop();
    if (this.#nc && !this.#nc.isClosed()) await this.#nc.drain();
  }

  /** NATS is connected (for /readyz). */
  isReady(): boolean {
    return this.#connection?.connected ?? false;
  }

  /** Events written but not yet published, whichever replica relays them. */
  backlog(): Promise<number> {
    return outboxBacklog(this.database.db);
  }

  get connection(): NatsConnection {
    if (!this.#nc) throw new Error('the events module has not started yet');
    return this.#nc;
  }

  get relay(): OutboxRelay | undefined {
    return this.#relay;
  }

  get consumers(): readonly DurableConsumer[] {
    return this.#consumers;
  }

  private discoverHandlers(): HandlerBinding[] {
    const bindings = new Map<string, HandlerBinding>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      // Request-scoped providers have no instance to call at bootstrap.
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const methods = instance as Record<string, unknown>;
      for (const method of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const fn = methods[method];
        if (typeof fn !== 'function') continue;
        const metadata = this.reflector.get<DurableEventMetadata | undefined>(
          DURABLE_EVENT_METADATA,
          fn,
        );
        if (!metadata) continue;
        const name = metadata.options.durable ?? `${instance.constructor.name}_${method}`;
        if (bindings.has(name)) {
          throw new Error(
            `two @OnDurableEvent handlers are named ${name}; give one a distinct \`durable\` option`,
          );
        }
        bindings.set(name, {
          ...metadata,
          name,
          handler: (fn as DurableEventHandler).bind(instance),
        });
      }
    }
    return [...bindings.values()];
  }
}

/**
 * Durable domain events for one service: `Outbox` to write events in the service's own
 * transactions, the relay that publishes them, and the `@OnDurableEvent` handlers. Global;
 * needs `DatabaseModule` (the `DATABASE` provider).
 */
@Module({})
export class EventsModule {
  static forRoot(options: EventsModuleOptions): DynamicModule {
    return {
      module: EventsModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: EVENTS_MODULE_OPTIONS, useValue: options },
        { provide: Outbox, useValue: new Outbox(`/guangming/${options.service}`) },
        EventsHost,
      ],
      exports: [Outbox, EventsHost],
    };
  }
}
