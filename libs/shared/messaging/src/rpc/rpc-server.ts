import { Logger } from '@nestjs/common';
import {
  ServerNats,
  type BaseRpcContext,
  type CustomStrategy,
  type NatsContext,
  type ReadPacket,
  type WritePacket,
} from '@nestjs/microservices';
import type { Msg, NatsConnection, NatsError, Subscription } from 'nats';
import { INTERNAL_REPLY } from './rpc-errors.js';
import { RpcRequestDeserializer } from './rpc-deserializer.js';
import { prefixedSubject } from './subjects.js';
import { natsConnectionOptions } from '../nats-options.js';

export interface RpcServerOptions {
  /** The service name: the NATS connection name and the queue group its replicas share. */
  service: string;
  natsUrl: string;
  /** `NATS_PREFIX`: prepended to every subject (`<prefix>.<subject>`) when not empty. */
  prefix?: string;
  /** How long `close()` waits for requests in flight before closing the connection (default 10 s). */
  shutdownGraceMs?: number;
}

const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

type NatsCallback = (error: NatsError | null, msg: Msg) => void;

const errorParts = (error: unknown) =>
  error instanceof Error
    ? { message: error.message, stack: error.stack }
    : { message: String(error) };

/**
 * Nest's NATS server with the platform's conventions: prefixed subjects, one queue group per
 * service so replicas share the load, no stack capture per message, reconnection forever, a
 * process that survives any message, and a shutdown that lets requests in flight finish.
 */
export class RpcNatsServer extends ServerNats {
  private readonly rpcLogger = new Logger(RpcNatsServer.name);
  private readonly subscriptionsByUs: Subscription[] = [];
  private connection?: NatsConnection;
  private inFlight = 0;
  private onIdle?: () => void;

  constructor(private readonly rpcOptions: RpcServerOptions) {
    super({
      ...natsConnectionOptions(rpcOptions.natsUrl),
      name: rpcOptions.service,
      noAsyncTraces: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 1_000,
    });
  }

  protected override initializeDeserializer(): void {
    this.deserializer = new RpcRequestDeserializer();
  }

  override async createNatsClient(): Promise<NatsConnection> {
    this.connection = (await super.createNatsClient()) as NatsConnection;
    return this.connection;
  }

  /** Reports the server started only once NATS has its subscriptions: no request misses them. */
  override start(callback: (error?: unknown) => void): void {
    const connection = this.connection as NatsConnection;
    this.bindEvents(connection);
    connection.flush().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  override bindEvents(client: NatsConnection): void {
    for (const [pattern, handler] of this.messageHandlers) {
      const callback = this.getMessageHandler(pattern).bind(this) as NatsCallback;
      const subscription = client.subscribe(prefixedSubject(this.rpcOptions.prefix, pattern), {
        queue: (handler.extras?.['queue'] as string | undefined) ?? this.rpcOptions.service,
        callback,
      });
      this.subscriptionsByUs.push(subscription);
    }
  }

  /** Our patterns are plain subjects: skip Nest's JSON.parse attempt, a thrown error per message. */
  protected override getRouteFromPattern(pattern: string): string {
    return this.messageHandlers.has(pattern) ? pattern : super.getRouteFromPattern(pattern);
  }

  override async handleMessage(channel: string, msg: Msg): Promise<void> {
    this.inFlight++;
    try {
      await super.handleMessage(channel, msg);
    } catch (error) {
      // A rejection here would reach the NATS callback unhandled and end the process.
      const { message, stack } = errorParts(error);
      this.rpcLogger.error(`${channel}: message not handled: ${message}`, stack);
    } finally {
      if (--this.inFlight === 0) this.onIdle?.();
    }
  }

  /** A message without a reply subject on an RPC subject is not a request: nobody waits for it. */
  override async handleEvent(
    pattern: string,
    packet: ReadPacket,
    context: BaseRpcContext,
  ): Promise<unknown> {
    const handler = this.getHandlerByPattern(pattern);
    if (handler && !handler.isEventHandler) {
      this.rpcLogger.warn(`${pattern}: ignored a message without a reply subject`);
      return undefined;
    }
    return super.handleEvent(pattern, packet, context);
  }

  /** A reply that cannot be sent (e.g. a BigInt in it) is logged and answered with `internal`. */
  override getPublisher(
    msg: Msg,
    id: string,
    ctx: NatsContext,
  ): (response: WritePacket) => unknown {
    const publish = super.getPublisher(msg, id, ctx);
    return (response) => {
      try {
        return publish(response);
      } catch (error) {
        const { message, stack } = errorParts(error);
        this.rpcLogger.error(`${msg.subject}: could not send the reply: ${message}`, stack);
        if (response.err) return undefined;
        try {
          return publish({ err: INTERNAL_REPLY, isDisposed: true });
        } catch {
          return undefined; // the connection is gone; the caller times out
        }
      }
    };
  }

  override async close(): Promise<void> {
    // Stop taking requests (the queue group's other members get them), finish those in flight.
    for (const subscription of this.subscriptionsByUs.splice(0)) subscription.unsubscribe();
    const grace = this.rpcOptions.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
    await this.idle(grace);
    // Replies go out on the next tick after their handler settles; drain flushes them.
    await new Promise((resolve) => setImmediate(resolve));
    const connection = this.connection;
    this.connection = undefined;
    if (connection && !connection.isClosed()) {
      await withTimeout(connection.drain(), grace).catch(() => undefined);
    }
    await super.close();
  }

  private idle(timeoutMs: number): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      this.onIdle = done;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The strategy for `app.connectMicroservice({ strategy })` or `NestFactory.createMicroservice`. */
export function createRpcServer(options: RpcServerOptions): CustomStrategy {
  return { strategy: new RpcNatsServer(options) };
}
