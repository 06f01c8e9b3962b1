import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Controller, Inject, Logger, type INestMicroservice } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { SpanKind, context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { SignJWT } from 'jose';
import { connect, headers as natsHeaders, type NatsConnection } from 'nats';
import { z } from 'zod';
import { DEMO_AUDIENCE, DEMO_ISSUER, DemoTokenIssuer, authEnvSchema } from '@gm/shared-auth';
import { rpc, type Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { testNatsUrl, uniquePrefix } from '@gm/shared-testing';
import {
  RpcClient,
  RpcClientModule,
  RpcHandler,
  RpcModule,
  createRpcServer,
  requireRole,
  type RpcCallContext,
} from './index.js';

// ---- a tiny service, "rpctest" ------------------------------------------------------------

const Echo = rpc(
  'rpctest.rpc.echo',
  z.object({
    count: z.coerce.number().int().min(1),
    at: z.coerce.date(),
    label: z.string().max(10),
  }),
  z.object({
    doubled: z.number(),
    at: z.coerce.date(),
    received: z.object({ count: z.string(), at: z.boolean() }),
    tags: z.array(z.string()).default([]),
  }),
);
/** The same subject with no rules, to get bad requests past the client's own validation. */
const LaxEcho = rpc('rpctest.rpc.echo', z.any(), z.any());
const Fail = rpc(
  'rpctest.rpc.fail',
  z.object({ kind: z.enum(['app-error', 'crash', 'bad-response']) }),
  z.object({ ok: z.boolean() }),
);
const Noop = rpc('rpctest.rpc.noop', z.object({}), z.void());
const Slow = rpc(
  'rpctest.rpc.slow',
  z.object({ ms: z.number().int() }),
  z.object({ waited: z.number() }),
);
const Hang = rpc('rpctest.rpc.hang', z.object({}), z.object({}));
const WhoAmI = rpc(
  'rpctest.rpc.whoami',
  z.object({}),
  z.object({ id: z.string().nullable(), roles: z.array(z.string()) }),
);
const Private = rpc('rpctest.rpc.private', z.object({}), z.object({ id: z.string() }));
const AdminOnly = rpc('rpctest.rpc.admin-only', z.object({}), z.object({ id: z.string() }));
const TraceProbe = rpc(
  'rpctest.rpc.trace',
  z.object({}),
  z.object({ traceId: z.string().nullable() }),
);
const Instance = rpc('rpctest.rpc.instance', z.object({}), z.object({ instance: z.string() }));
const Nobody = rpc('ghost.rpc.nothing', z.object({ n: z.number().int() }), z.object({}));

const INSTANCE = Symbol('INSTANCE');
const CONFLICT = new AppError(
  'conflict',
  'slot taken',
  [
    {
      path: 'end',
      message: 'overlaps booking B-1',
      code: 'booking.overlap',
      limit: { minutes: 15 },
    },
  ],
  'booking-overlap',
);

let releaseHang: () => void = () => undefined;
const hanging = new Promise<void>((resolve) => {
  releaseHang = resolve;
});

@Controller()
class RpcTestController {
  constructor(@Inject(INSTANCE) private readonly instance: string) {}

  @RpcHandler(Echo, { auth: 'optional' })
  echo(request: z.output<typeof Echo.request>) {
    return {
      doubled: request.count * 2,
      at: request.at,
      received: { count: typeof request.count, at: request.at instanceof Date },
    };
  }

  @RpcHandler(Fail, { auth: 'optional' })
  async fail({ kind }: z.output<typeof Fail.request>) {
    if (kind === 'app-error') throw CONFLICT;
    if (kind === 'crash') throw new Error('relation "secret_table" does not exist');
    return { ok: 'yes' } as unknown as { ok: boolean }; // bad-response
  }

  @RpcHandler(Noop, { auth: 'optional' })
  noop(): void {}

  @RpcHandler(Slow, { auth: 'optional' })
  async slow({ ms }: z.output<typeof Slow.request>) {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { waited: ms };
  }

  @RpcHandler(Hang, { auth: 'optional' })
  async hang() {
    await hanging;
    return {};
  }

  @RpcHandler(WhoAmI, { auth: 'optional' })
  whoAmI(_request: object, ctx: RpcCallContext) {
    return { id: ctx.identity?.id ?? null, roles: ctx.identity?.roles ?? [] };
  }

  @RpcHandler(Private)
  private(_request: object, ctx: RpcCallContext) {
    return { id: requireRole(ctx).id };
  }

  @RpcHandler(AdminOnly)
  adminOnly(_request: object, ctx: RpcCallContext) {
    return { id: requireRole(ctx, 'admin').id };
  }

  @RpcHandler(TraceProbe, { auth: 'optional' })
  traceProbe() {
    return { traceId: trace.getActiveSpan()?.spanContext().traceId ?? null };
  }

  @RpcHandler(Instance, { auth: 'optional' })
  whichInstance() {
    return { instance: this.instance };
  }
}

// ---- set-up ---------------------------------------------------------------------------------

const SECRET = 'rpc-test-secret-of-at-least-32-chars';
const auth = authEnvSchema.parse({ AUTH_DEMO_SECRET: SECRET });
const prefix = uniquePrefix('rpc');
const researcher: Identity = { id: 'user-7', username: 'researcher7', roles: ['researcher'] };

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const loggedErrors: string[] = [];

let apps: INestMicroservice[] = [];
let client: RpcClient;
let raw: NatsConnection;
let token: string;

async function startInstance(instance: string, subjectPrefix = prefix): Promise<INestMicroservice> {
  const moduleRef = await Test.createTestingModule({
    imports: [RpcModule.forRoot({ auth })],
    controllers: [RpcTestController],
    providers: [{ provide: INSTANCE, useValue: instance }],
  }).compile();
  const app = moduleRef.createNestMicroservice(
    createRpcServer({
      service: 'rpctest',
      natsUrl: testNatsUrl(),
      prefix: subjectPrefix,
      shutdownGraceMs: 2_000,
    }),
  );
  await app.listen();
  return app;
}

/** The AppError a call failed with. */
async function failureOf(call: Promise<unknown>): Promise<AppError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

beforeAll(async () => {
  provider.register();
  jest
    .spyOn(Logger.prototype, 'error')
    .mockImplementation((message: unknown, ...rest: unknown[]) => {
      loggedErrors.push([message, ...rest].map(String).join('\n'));
    });
  jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  apps = await Promise.all([startInstance('a'), startInstance('b')]);
  client = RpcClient.create({
    natsUrl: testNatsUrl(),
    prefix,
    defaultTimeoutMs: 3_000,
    name: 'rpc-test-client',
  });
  await client.connect();
  raw = await connect({ servers: testNatsUrl(), noAsyncTraces: true });
  token = (await new DemoTokenIssuer(auth).issue(researcher)).accessToken;
});

afterAll(async () => {
  releaseHang();
  await client?.close();
  await raw?.close();
  await Promise.all(apps.map((app) => app.close()));
  await provider.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
  jest.restoreAllMocks();
});

// ---- tests ----------------------------------------------------------------------------------

describe('request and response', () => {
  it('round-trips with zod coercion on both ends', async () => {
    const reply = await client.call(Echo, {
      count: '21',
      at: '2024-05-01T08:00:00+08:00',
      label: 'hi',
    });
    expect(reply).toEqual({
      doubled: 42,
      at: new Date('2024-05-01T00:00:00Z'),
      received: { count: 'number', at: true }, // the handler got a number and a Date
      tags: [], // the client applied the response schema's default
    });
    expect(reply.at).toBeInstanceOf(Date);
  });

  it('refuses a bad request before sending it', async () => {
    const error = await failureOf(client.call(Nobody, { n: 1.5 }));
    // Sent, it would have been `unavailable` (nobody serves ghost.*).
    expect(error.code).toBe('invalid-input');
    expect(error.errors.map((e) => e.path)).toEqual(['n']);
  });

  it('answers a bad request with invalid-input naming every bad field, and keeps serving', async () => {
    const error = await failureOf(
      client.call(LaxEcho, { count: 'many', at: 'someday', label: 'far too long a label' }),
    );
    expect(error.code).toBe('invalid-input');
    expect(error.errors.map((e) => e.path).sort()).toEqual(['at', 'count', 'label']);
    expect(error.message).toMatch(/count/);
    expect((await client.call(Echo, { count: 1, at: new Date(), label: 'ok' })).doubled).toBe(2);
  });

  it('answers a body that is not JSON, sent by any NATS client, and keeps serving', async () => {
    const reply = await raw.request(
      `${prefix}.${Echo.subject}`,
      new TextEncoder().encode('{"count": 1,'),
      {
        timeout: 3_000,
      },
    );
    expect(JSON.parse(new TextDecoder().decode(reply.data))).toMatchObject({
      err: { code: 'invalid-input', message: 'the request is not valid JSON' },
    });
    expect((await client.call(Echo, { count: 2, at: new Date(), label: 'ok' })).doubled).toBe(4);
  });

  it('resolves a handler that returns nothing', async () => {
    expect(await client.call(Noop, {})).toBeUndefined();
  });
});

describe('errors', () => {
  it('carries a thrown AppError intact: code, message, field errors and type', async () => {
    const error = await failureOf(client.call(Fail, { kind: 'app-error' }));
    expect(error).toBeInstanceOf(AppError);
    expect(error.toJSON()).toEqual(CONFLICT.toJSON());
    expect(error.errors[0]?.limit).toEqual({ minutes: 15 });
  });

  it('turns an unexpected error into `internal`, logged with its stack, nothing of it on the wire', async () => {
    const error = await failureOf(client.call(Fail, { kind: 'crash' }));
    expect(error.toJSON()).toEqual({ code: 'internal', message: 'unexpected error' });
    expect(loggedErrors.some((line) => line.includes('secret_table') && line.includes('at '))).toBe(
      true,
    );

    const packet = { pattern: `${prefix}.${Fail.subject}`, data: { kind: 'crash' }, id: 'raw-1' };
    const reply = await raw.request(
      `${prefix}.${Fail.subject}`,
      new TextEncoder().encode(JSON.stringify(packet)),
      {
        timeout: 3_000,
      },
    );
    const wire = new TextDecoder().decode(reply.data);
    expect(JSON.parse(wire)).toEqual({
      id: 'raw-1',
      err: { code: 'internal', message: 'unexpected error' },
      isDisposed: true,
    });
    expect(wire).not.toMatch(/secret_table|stack/);
  });

  it('answers `internal` when the handler breaks its response contract, and logs the bug', async () => {
    const error = await failureOf(client.call(Fail, { kind: 'bad-response' }));
    expect(error.code).toBe('internal');
    expect(
      loggedErrors.some((line) =>
        line.includes(`${Fail.subject}: the response breaks the contract: ok`),
      ),
    ).toBe(true);
  });
});

describe('timeouts', () => {
  it('answers `unavailable` within the timeout when the handler never replies', async () => {
    const started = Date.now();
    const error = await failureOf(client.call(Hang, {}, { timeoutMs: 300 }));
    const elapsed = Date.now() - started;
    expect(error.toJSON()).toEqual({
      code: 'unavailable',
      message: 'rpctest did not answer in time',
    });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1_500);
  });

  it('answers `unavailable` at once when no service listens on the subject', async () => {
    const started = Date.now();
    const error = await failureOf(client.call(Nobody, { n: 1 }, { timeoutMs: 2_000 }));
    expect(error.toJSON()).toEqual({
      code: 'unavailable',
      message: 'ghost did not answer in time',
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('queue group', () => {
  it('shares the calls between the instances of a service', async () => {
    const replies = await Promise.all(Array.from({ length: 60 }, () => client.call(Instance, {})));
    const counts = { a: 0, b: 0 };
    for (const { instance } of replies) counts[instance as 'a' | 'b']++;
    expect(counts.a).toBeGreaterThan(0);
    expect(counts.b).toBeGreaterThan(0);
    expect(counts.a + counts.b).toBe(60);
  });
});

describe('identity', () => {
  const signWith = (secret: string, expiresAt: number) =>
    new SignJWT({ roles: ['admin'], preferred_username: 'mallory' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setIssuer(DEMO_ISSUER)
      .setAudience(DEMO_AUDIENCE)
      .setExpirationTime(expiresAt)
      .sign(new TextEncoder().encode(secret));

  it('derives the identity in ctx from the authorization header', async () => {
    expect(await client.call(WhoAmI, {}, { token })).toEqual({
      id: 'user-7',
      roles: ['researcher'],
    });
    expect(await client.call(Private, {}, { token })).toEqual({ id: 'user-7' });
  });

  it('leaves a call without a token anonymous, or refuses it where a token is required', async () => {
    expect(await client.call(WhoAmI, {})).toEqual({ id: null, roles: [] });
    const error = await failureOf(client.call(Private, {}));
    expect(error.code).toBe('unauthenticated');
  });

  it('refuses a forged or an expired token, even where none is required', async () => {
    const forged = await signWith(
      'not-the-secret-but-long-enough-to-sign',
      Math.floor(Date.now() / 1000) + 300,
    );
    const expired = await signWith(SECRET, Math.floor(Date.now() / 1000) - 60);
    for (const contract of [WhoAmI, Private]) {
      const forgedError = await failureOf(client.call(contract, {}, { token: forged }));
      expect(forgedError.toJSON()).toEqual({
        code: 'unauthenticated',
        message: 'access token signature is invalid',
      });
      const expiredError = await failureOf(client.call(contract, {}, { token: expired }));
      expect(expiredError).toMatchObject({
        code: 'unauthenticated',
        message: 'access token expired',
      });
    }
  });

  it('cannot be forged by a raw NATS message: any other header is ignored', async () => {
    const headers = natsHeaders();
    headers.set('x-identity', JSON.stringify({ id: 'mallory', roles: ['admin'] }));
    headers.set('authorization', 'Basic bWFsbG9yeTpzZWNyZXQ=');
    const packet = { pattern: 'x', data: {}, id: 'raw-2' };
    const reply = await raw.request(
      `${prefix}.${Private.subject}`,
      new TextEncoder().encode(JSON.stringify(packet)),
      {
        timeout: 3_000,
        headers,
      },
    );
    expect(JSON.parse(new TextDecoder().decode(reply.data)).err).toMatchObject({
      code: 'unauthenticated',
    });
  });

  it('lets the use case refuse a role with `forbidden`', async () => {
    const error = await failureOf(client.call(AdminOnly, {}, { token }));
    expect(error.toJSON()).toEqual({
      code: 'forbidden',
      message: 'one of these roles is required: admin',
    });
  });
});

describe('tracing', () => {
  it('continues the caller’s trace in the handler: a CLIENT span, then a SERVER span under it', async () => {
    exporter.reset();
    const tracer = trace.getTracer('rpc-test');
    const { reply, traceId } = await tracer.startActiveSpan('caller', async (span) => {
      try {
        return { reply: await client.call(TraceProbe, {}), traceId: span.spanContext().traceId };
      } finally {
        span.end();
      }
    });
    expect(reply.traceId).toBe(traceId);

    const spans = exporter.getFinishedSpans().filter((s) => s.name === TraceProbe.subject);
    const clientSpan = spans.find((s) => s.kind === SpanKind.CLIENT);
    const serverSpan = spans.find((s) => s.kind === SpanKind.SERVER);
    expect(clientSpan?.spanContext().traceId).toBe(traceId);
    expect(serverSpan?.parentSpanContext?.spanId).toBe(clientSpan?.spanContext().spanId);
  });
});

describe('shutdown', () => {
  it('lets a request in flight finish, then stops taking requests', async () => {
    const ownPrefix = uniquePrefix('rpc_shutdown');
    const app = await startInstance('c', ownPrefix);
    const ownClient = RpcClient.create({
      natsUrl: testNatsUrl(),
      prefix: ownPrefix,
      defaultTimeoutMs: 3_000,
    });
    try {
      const inFlight = ownClient.call(Slow, { ms: 300 });
      await new Promise((resolve) => setTimeout(resolve, 100)); // the service has the request by now
      const closing = app.close();
      expect(await inFlight).toEqual({ waited: 300 });
      await closing;
      expect((await failureOf(ownClient.call(Slow, { ms: 0 }))).code).toBe('unavailable');
    } finally {
      await ownClient.close();
    }
  });
});

describe('RpcClientModule', () => {
  it('provides a connected client to the application, and closes it with the application', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [RpcClientModule.forRoot({ natsUrl: testNatsUrl(), prefix, name: 'module-test' })],
    }).compile();
    const app = await moduleRef.init();
    const provided = app.get(RpcClient);
    await provided.ping();
    expect((await provided.call(Echo, { count: 3, at: new Date(), label: 'm' })).doubled).toBe(6);
    await app.close();
  });
});
