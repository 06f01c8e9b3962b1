import {
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { ClientNats, NatsRecord } from '@nestjs/microservices';
import {
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
  type Span,
  type SpanOptions,
} from '@opentelemetry/api';
import { headers as natsHeaders, type NatsConnection } from 'nats';
import type { z } from 'zod';
import type { RpcContract } from '@gm/shared-contracts';
import { AppError, fieldErrorsFromIssues, invalidInput } from '@gm/shared-errors';
import { AUTHORIZATION_HEADER, natsHeaderSetter } from './nats-headers.js';
import { fromErrorReply, notAnswered } from './rpc-errors.js';
import { prefixedSubject, serviceOfSubject } from './subjects.js';
import { natsConnectionOptions } from '../nats-options.js';

export interface RpcClientOptions {
  natsUrl: string;
  /** `NATS_PREFIX`: prepended to every subject (`<prefix>.<subject>`) when not empty. */
  prefix?: string;
  /** How long a call waits for its reply unless it says otherwise (default 5000 ms). */
  defaultTimeoutMs?: number;
  /** The NATS connection name, shown by the server's monitoring. */
  name?: string;
}

export interface RpcCallOptions {
  /** The caller's bearer token (without `Bearer `), forwarded for the service to verify. */
  token?: string;
  timeoutMs?: number;
}

/** What a call needs of its contract, computed once per contract. */
interface Route {
  subject: string;
  service: string;
  span: SpanOptions;
}

const DEFAULT_TIMEOUT_MS = 5_000;
const tracer = trace.getTracer('@gm/shared-messaging');
const logger = new Logger('RpcClient');

/**
 * Calls services over NATS request–reply through Nest's ClientNats: validates the request,
 * forwards the token and the trace context in headers, always times out, and turns every failure
 * into an AppError (the service's own error reply arrives intact).
 */
export class RpcClient implements OnModuleInit, OnApplicationShutdown {
  private readonly routes = new WeakMap<RpcContract, Route>();

  private constructor(
    private readonly proxy: ClientNats,
    private readonly prefix: string,
    private readonly defaultTimeoutMs: number,
  ) {}

  static create(options: RpcClientOptions): RpcClient {
    const proxy = new ClientNats({
      ...natsConnectionOptions(options.natsUrl),
      ...(options.name ? { name: options.name } : {}),
      noAsyncTraces: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 1_000,
    });
    return new RpcClient(
      proxy,
      options.prefix ?? '',
      options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
  }

  async connect(): Promise<void> {
    await this.proxy.connect();
  }

  async close(): Promise<void> {
    await this.proxy.close();
  }

  onModuleInit(): Promise<void> {
    return this.connect();
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  /** Resolves when the NATS server answers a round trip (readiness). */
  async ping(): Promise<void> {
    let connection: NatsConnection;
    try {
      connection = (await this.proxy.connect()) as NatsConnection;
    } catch (error) {
      throw new Error(
        `NATS is not reachable: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    await connection.flush();
  }

  async call<C extends RpcContract>(
    contract: C,
    request: z.input<C['request']>,
    options: RpcCallOptions = {},
  ): Promise<z.output<C['response']>> {
    const parsed = contract.request.safeParse(request);
    if (!parsed.success) throw invalidInput(parsed.error.issues, 'request');
    const route = this.routeOf(contract);
    const span = tracer.startSpan(contract.subject, route.span);
    const headers = natsHeaders();
    if (options.token) headers.set(AUTHORIZATION_HEADER, `Bearer ${options.token}`);
    propagation.inject(trace.setSpan(context.active(), span), headers, natsHeaderSetter);
    try {
      const reply = await this.exchange(
        route,
        new NatsRecord(parsed.data, headers),
        options.timeoutMs,
      );
      // TypeScript resolves C['response'] to its constraint inside this generic; the schema is C's.
      return checkReply(contract.response, route, reply) as z.output<C['response']>;
    } catch (error) {
      markFailure(span, error);
      throw error;
    } finally {
      span.end();
    }
  }

  /** One request and its reply (or its error, or the timeout), as a promise. */
  private exchange(
    route: Route,
    record: NatsRecord,
    timeoutMs = this.defaultTimeoutMs,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      let reply: unknown;
      const timer = setTimeout(() => {
        subscription.unsubscribe();
        reject(notAnswered(route.service));
      }, timeoutMs);
      const subscription = this.proxy.send(route.subject, record).subscribe({
        next: (value: unknown) => {
          reply = value;
        },
        error: (error: unknown) => {
          clearTimeout(timer);
          reject(fromErrorReply(error, route.service));
        },
        // A handler that returns nothing completes without a value.
        complete: () => {
          clearTimeout(timer);
          resolve(reply);
        },
      });
    });
  }

  private routeOf(contract: RpcContract): Route {
    let route = this.routes.get(contract);
    if (!route) {
      const subject = prefixedSubject(this.prefix, contract.subject);
      route = {
        subject,
        service: serviceOfSubject(contract.subject),
        span: {
          kind: SpanKind.CLIENT,
          attributes: {
            'messaging.system': 'nats',
            'messaging.operation.type': 'send',
            'messaging.destination.name': subject,
          },
        },
      };
      this.routes.set(contract, route);
    }
    return route;
  }
}

function checkReply<Res extends z.ZodType>(
  schema: Res,
  route: Route,
  reply: unknown,
): z.output<Res> {
  const result = schema.safeParse(reply);
  if (result.success) return result.data;
  const fields = fieldErrorsFromIssues(result.error.issues).map(
    (e) => `${e.path || '(root)'}: ${e.message}`,
  );
  logger.error(`${route.subject}: the reply breaks the contract: ${fields.join('; ')}`);
  throw new AppError('internal', `${route.service} answered outside its contract`);
}

function markFailure(span: Span, error: unknown): void {
  const code = error instanceof AppError ? error.code : 'internal';
  span.setAttribute('error.type', code);
  if (code === 'internal' || code === 'unavailable') {
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

/** Provides {@link RpcClient} to the whole application; it connects on init and closes on shutdown. */
@Module({})
export class RpcClientModule {
  static forRoot(options: RpcClientOptions): DynamicModule {
    return {
      module: RpcClientModule,
      global: true,
      providers: [{ provide: RpcClient, useFactory: () => RpcClient.create(options) }],
      exports: [RpcClient],
    };
  }
}
