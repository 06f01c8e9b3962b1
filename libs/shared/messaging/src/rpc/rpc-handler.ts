import 'reflect-metadata';
import { Inject, Logger } from '@nestjs/common';
import {
  Ctx,
  MessagePattern,
  Payload,
  RpcException,
  type NatsContext,
} from '@nestjs/microservices';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
  type Span,
} from '@opentelemetry/api';
import type { MsgHdrs } from 'nats';
import type { z } from 'zod';
import type { TokenVerifier } from '@gm/shared-auth';
import { hasRole, type Identity, type Role, type RpcContract } from '@gm/shared-contracts';
import {
  AppError,
  fieldErrorsFromIssues,
  invalidInput,
  type SerializedAppError,
} from '@gm/shared-errors';
import { AUTHORIZATION_HEADER, bearerToken, natsHeaderGetter } from './nats-headers.js';
import { MALFORMED_PAYLOAD } from './rpc-deserializer.js';
import { INTERNAL_REPLY, toErrorReply } from './rpc-errors.js';

/** Nest token of the {@link TokenVerifier} RPC handlers check bearer tokens with (see `RpcModule.forRoot`). */
export const RPC_TOKEN_VERIFIER: unique symbol = Symbol('RPC_TOKEN_VERIFIER');

/** What a handler knows about the call besides its request. */
export interface RpcCallContext {
  /** The verified caller; absent for an anonymous call to an `auth: 'optional'` handler. */
  identity?: Identity;
  /** The contract's subject, without the NATS prefix. */
  subject: string;
}

export interface RpcHandlerOptions {
  /** `'required'` (default): no or a bad token is `unauthenticated`. `'optional'`: public reads. */
  auth?: 'optional' | 'required';
}

/** The shape a decorated method must have: the parsed request in, the response (before validation) out. */
export type RpcMethod<C extends RpcContract> = (
  request: z.output<C['request']>,
  ctx: RpcCallContext,
) => z.input<C['response']> | Promise<z.input<C['response']>>;

const VERIFIER = Symbol('rpc.tokenVerifier');
interface HandlerHost {
  [VERIFIER]?: TokenVerifier;
}

const tracer = trace.getTracer('@gm/shared-messaging');
const logger = new Logger('RpcHandler');
const hostsWithVerifier = new WeakSet<object>();

/**
 * `@MessagePattern(contract.subject)` with the platform's rules around the method: the bearer token
 * in the `authorization` header is verified and becomes `ctx.identity`; the request is parsed with
 * `contract.request` (every bad field named in an `invalid-input` reply); the result is checked
 * against `contract.response`; the call runs in a SERVER span continuing the caller's trace. A
 * thrown AppError is replied as it is; anything else is logged and replied as `internal`.
 */
export function RpcHandler<C extends RpcContract>(contract: C, options: RpcHandlerOptions = {}) {
  const { subject } = contract;
  const authRequired = (options.auth ?? 'required') === 'required';
  const spanOptions = {
    kind: SpanKind.SERVER,
    attributes: {
      'messaging.system': 'nats',
      'messaging.operation.type': 'process',
      'messaging.destination.name': subject,
    },
  };

  return <M extends RpcMethod<C>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    const method = descriptor.value;
    if (typeof method !== 'function') {
      throw new TypeError(`@RpcHandler(${subject}) decorates a method, not ${String(key)}`);
    }
    injectVerifier(target);

    const serve = async (host: HandlerHost, data: unknown, headers: MsgHdrs | undefined) => {
      const identity = await authenticate(host[VERIFIER], headers, authRequired);
      // TypeScript resolves C['request'] to its constraint inside this generic; the schema is C's.
      const request = parseRequest(contract.request, data) as z.output<C['request']>;
      const response: unknown = await method.call(host, request, { identity, subject });
      return checkResponse(contract.response, subject, response);
    };

    // Nest calls this with the decoded payload and its NatsContext.
    const handle = async function (this: HandlerHost, data: unknown, nats?: NatsContext) {
      const headers = nats?.getHeaders() as MsgHdrs | undefined;
      const parent = headers
        ? propagation.extract(ROOT_CONTEXT, headers, natsHeaderGetter)
        : ROOT_CONTEXT;
      const span = tracer.startSpan(subject, spanOptions, parent);
      try {
        return await context.with(
          trace.setSpan(parent, span),
          serve,
          undefined,
          this,
          data,
          headers,
        );
      } catch (error) {
        const reply = toErrorReply(error, subject);
        markFailure(span, reply, error);
        // Nest's base filter passes an RpcException's object through untouched: lossless on the wire.
        throw new RpcException(reply);
      } finally {
        span.end();
      }
    };
    copyMetadata(method, handle);
    descriptor.value = handle as unknown as M;
    MessagePattern(subject)(target, key, descriptor);
    // Without parameter metadata Nest passes the payload only; the headers live in the context.
    Payload()(target, key, 0);
    Ctx()(target, key, 1);
  };
}

/** The caller, if it has one; authorisation (roles, ownership) stays with the use case. */
export function requireRole(ctx: RpcCallContext, ...roles: Role[]): Identity {
  const { identity } = ctx;
  if (!identity) throw AppError.unauthenticated();
  if (roles.length > 0 && !hasRole(identity, ...roles)) {
    throw AppError.forbidden(`one of these roles is required: ${roles.join(', ')}`);
  }
  return identity;
}

/** Handlers verify tokens with the RPC_TOKEN_VERIFIER provider, injected as a hidden property once per class. */
function injectVerifier(target: object): void {
  if (hostsWithVerifier.has(target)) return;
  hostsWithVerifier.add(target);
  Inject(RPC_TOKEN_VERIFIER)(target, VERIFIER);
}

async function authenticate(
  verifier: TokenVerifier | undefined,
  headers: MsgHdrs | undefined,
  required: boolean,
): Promise<Identity | undefined> {
  const header = headers?.get(AUTHORIZATION_HEADER);
  if (!header) {
    if (required) throw AppError.unauthenticated();
    return undefined;
  }
  // A token that was sent must be valid, even where none is needed: a bad one is never anonymous.
  const token = bearerToken(header);
  if (!token) throw AppError.unauthenticated('the authorization header must be "Bearer <token>"');
  if (!verifier) {
    throw new Error(
      'no token verifier: import RpcModule.forRoot({ auth }) or provide RPC_TOKEN_VERIFIER',
    );
  }
  return verifier.verify(token);
}

function parseRequest<Req extends z.ZodType>(schema: Req, data: unknown): z.output<Req> {
  if (data === MALFORMED_PAYLOAD) throw AppError.invalid('the request is not valid JSON');
  const result = schema.safeParse(data);
  if (!result.success) throw invalidInput(result.error.issues, 'request');
  return result.data;
}

function checkResponse<Res extends z.ZodType>(
  schema: Res,
  subject: string,
  response: unknown,
): z.output<Res> {
  const result = schema.safeParse(response);
  if (result.success) return result.data;
  // The handler broke its own contract: a bug to fix, not the caller's problem.
  const fields = fieldErrorsFromIssues(result.error.issues).map(
    (e) => `${e.path || '(root)'}: ${e.message}`,
  );
  logger.error(`${subject}: the response breaks the contract: ${fields.join('; ')}`);
  throw AppError.fromJSON(INTERNAL_REPLY);
}

function markFailure(span: Span, reply: SerializedAppError, error: unknown): void {
  span.setAttribute('error.type', reply.code);
  if (!(error instanceof AppError)) {
    span.recordException(error instanceof Error ? error : String(error));
  }
  // Refusals (invalid input, conflicts...) are answers; only failures of the service mark the span.
  if (reply.code === 'internal' || reply.code === 'unavailable') {
    span.setStatus({ code: SpanStatusCode.ERROR, message: reply.message });
  }
}

/** Keeps metadata other decorators put on the original method (interceptors, guards...). */
function copyMetadata(from: object, to: object): void {
  for (const key of Reflect.getOwnMetadataKeys(from)) {
    Reflect.defineMetadata(key, Reflect.getOwnMetadata(key, from), to);
  }
  Object.defineProperty(to, 'name', { value: (from as { name: string }).name });
}
