import { createHash } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DATABASE, type Database } from '@gm/shared-db';
import { AppError } from '@gm/shared-errors';
import type { Caller } from '../auth/auth.guard.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import { GATEWAY_CONFIG } from '../config/tokens.js';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  deleteExpiredIdempotencyKeys,
  findIdempotencyKey,
  releaseIdempotencyKey,
  type IdempotencyRecord,
} from '../data/idempotency.repository.js';
import type { GatewayDb } from '../data/tables.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Set on an answer that was replayed from the first request with the same key. */
export const REPLAYED_HEADER = 'idempotent-replayed';
/** Response headers kept with the answer and replayed with it. */
const KEPT_HEADERS = ['location', 'content-type'];
const KEY = /^[\x21-\x7e]{1,255}$/;
const SWEEP_INTERVAL_MS = 10 * 60 * 1000;
/** How often a duplicate looks whether the first request has finished. */
const POLL_MS = 50;

/** The body with its object keys sorted, so `{a,b}` and `{b,a}` are the same request. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${url}\n${canonicalJson(body ?? null)}`)
    .digest('base64url');
}

/**
 * `Idempotency-Key` on every POST (api.md): the first request with a key runs and its answer is
 * kept (Postgres, shared by all replicas) for IDEMPOTENCY_TTL_SECONDS; the same key with the same
 * request replays that answer without running again; with another request it is a 409. Of
 * concurrent duplicates exactly one runs; the others wait for its answer (up to the RPC timeout)
 * or get a 409 with `Retry-After`. A request that fails frees its key, so a retry runs again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, OnModuleInit, OnModuleDestroy {
  readonly #logger = new Logger('Idempotency');
  #sweeper?: NodeJS.Timeout;

  constructor(
    @Inject(DATABASE) private readonly database: Database<GatewayDb>,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  onModuleInit(): void {
    this.#sweeper = setInterval(() => {
      deleteExpiredIdempotencyKeys(this.database.db, new Date()).catch((error: Error) =>
        this.#logger.warn(`expired keys not swept: ${error.message}`),
      );
    }, SWEEP_INTERVAL_MS);
    this.#sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.#sweeper);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & { caller?: Caller }>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (request.method !== 'POST' || header === undefined) return next.handle();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return from(this.once(request, reply, header, next));
  }

  private async once(
    request: FastifyRequest & { caller?: Caller },
    reply: FastifyReply,
    header: string | string[],
    next: CallHandler,
  ): Promise<unknown> {
    const key = Array.isArray(header) ? undefined : header.trim();
    if (!key || !KEY.test(key)) {
      throw AppError.invalid('Idempotency-Key must be 1 to 255 visible ASCII characters', [
        { path: 'Idempotency-Key', message: 'invalid key', code: 'idempotency.key-format' },
      ]);
    }
    const db = this.database.db;
    const caller = request.caller?.identity.id ?? 'anonymous';
    const fingerprint = requestFingerprint(request.method, request.url, request.body);
    const now = new Date();
    const claim = {
      caller,
      key,
      fingerprint,
      expiresAt: new Date(now.getTime() + this.config.IDEMPOTENCY_TTL_SECONDS * 1000),
    };
    if (!(await claimIdempotencyKey(db, claim))) {
      // An expired key is free again: drop it and claim afresh (another replica may win).
      await releaseIdempotencyKey(db, caller, key, now);
      if (!(await claimIdempotencyKey(db, claim))) {
        return this.replay(await this.answerOf(caller, key, fingerprint, reply), reply);
      }
    }
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      await releaseIdempotencyKey(db, caller, key).catch(() => undefined);
      throw error;
    }
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = reply.getHeader(name);
      if (typeof value === 'string') headers[name] = value;
    }
    await completeIdempotencyKey(db, caller, key, { status: reply.statusCode, body, headers });
    return body;
  }

  /** The first request's answer, waiting while it is still running on this or another replica. */
  private async answerOf(
    caller: string,
    key: string,
    fingerprint: string,
    reply: FastifyReply,
  ): Promise<IdempotencyRecord> {
    const deadline = Date.now() + this.config.RPC_TIMEOUT_MS;
    for (;;) {
      const record = await findIdempotencyKey(this.database.db, caller, key);
      if (record && record.fingerprint !== fingerprint) {
        throw AppError.conflict(
          'this Idempotency-Key was used with another request',
          'idempotency-key-reused',
          [
            {
              path: 'Idempotency-Key',
              message: 'used with another request',
              code: 'idempotency.key-reused',
            },
          ],
        );
      }
      if (record?.response_status != null) return record;
      if (!record || Date.now() >= deadline) {
        // Gone (the first request failed) or still running: the client retries.
        reply.header('retry-after', '1');
        throw AppError.conflict(
          'a request with this Idempotency-Key is in progress; retry shortly',
          'idempotency-key-in-progress',
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private replay(record: IdempotencyRecord, reply: FastifyReply): unknown {
    reply.status(record.response_status!);
    for (const [name, value] of Object.entries(record.response_headers ?? {})) {
      reply.header(name, value);
    }
    reply.header(REPLAYED_HEADER, 'true');
    return record.response_body;
  }
}
