import { Controller, Get, Headers, Inject, Logger, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Identity } from '@gm/shared-contracts';
import { Auth, CurrentCaller, type Caller } from '../auth/auth.guard.js';
import { AuthService } from '../auth/auth.service.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import { GATEWAY_CONFIG } from '../config/tokens.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';
import { LiveEventsHub, type LiveDelivery } from './live-events.hub.js';
import { formatPosition, parsePosition } from './stream-position.js';

export const LiveEventsQuerySchema = z.object({
  /** For EventSource, which cannot send headers: the bearer token (RFC 6750 §2.3). */
  access_token: z.string().min(1).optional(),
  /** For clients that cannot send `Last-Event-ID`: the id to resume after. */
  lastEventId: z.string().min(1).optional(),
});

/** Tells the browser how soon to reconnect after the stream ends (milliseconds). */
const RETRY_MS = 2_000;
/** setTimeout's largest delay; a token valid for longer is re-checked on the next connection. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * `GET /api/events/stream`: server-sent events from JetStream. Each event's `id` is the position
 * in every service stream, so `Last-Event-ID` resumes exactly; a comment every SSE_HEARTBEAT_MS
 * keeps proxies from closing an idle stream; a client that stops reading for SSE_SLOW_CLIENT_MS
 * is disconnected (it resumes from its last id, as JetStream kept everything). A signed-in stream
 * ends with an `expired` event when its token does: the client reconnects with a fresh token and
 * resumes, so nobody keeps receiving private events on a token that no longer holds.
 */
@Controller('api/events')
export class LiveEventsController {
  readonly #logger = new Logger('LiveEvents');

  constructor(
    private readonly hub: LiveEventsHub,
    private readonly auth: AuthService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get('stream')
  @Auth('optional')
  @ApiDoc({
    summary:
      'Live events (text/event-stream): public events for anyone, your own when signed in; resume with Last-Event-ID; a signed-in stream ends with an `expired` event when its token does',
    tag: 'portal',
    auth: 'optional',
    query: LiveEventsQuerySchema,
    errors: [401, 503],
  })
  async stream(
    @Query(new ZodValidationPipe(LiveEventsQuerySchema, 'query'))
    query: z.infer<typeof LiveEventsQuerySchema>,
    @Headers('last-event-id') lastEventIdHeader: string | undefined,
    @CurrentCaller() caller: Caller | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const token = caller?.token ?? query.access_token;
    const verified = token === undefined ? undefined : await this.auth.verifyToken(token);
    const identity: Identity | undefined = verified?.identity;
    const lastEventId = lastEventIdHeader?.trim() || query.lastEventId;
    const from = lastEventId ? parsePosition(lastEventId) : {};
    const subscription = await this.hub.subscribe(identity, from);

    // From here on the response is ours: Fastify's hooks already set the security headers.
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      connection: 'keep-alive',
      // nginx and similar proxies would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });

    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      clearTimeout(expiry);
      removeShutdownListener();
      subscription.close();
      raw.end();
    };
    const write = async (chunk: string): Promise<void> => {
      if (closed) throw new Error('closed');
      if (raw.write(chunk)) return;
      // The socket is full: wait for it to drain, but not for ever.
      const drained = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), this.config.SSE_SLOW_CLIENT_MS);
        raw.once('drain', () => {
          clearTimeout(timer);
          resolve(true);
        });
        raw.once('close', () => {
          clearTimeout(timer);
          resolve(false);
        });
      });
      if (!drained) {
        this.#logger.warn('a live-events client stopped reading; disconnected');
        close();
        // Ending would wait for the full socket to flush; the client resumes from its last id.
        raw.destroy();
        throw new Error('slow client');
      }
    };
    const heartbeat = setInterval(() => {
      if (!closed && raw.writableLength === 0) raw.write(': heartbeat\n\n');
    }, this.config.SSE_HEARTBEAT_MS);
    const expiry = verified
      ? setTimeout(
          () => {
            if (raw.writableLength === 0) raw.write('event: expired\ndata: {}\n\n');
            close();
          },
          Math.min(Math.max(verified.expiresAtMs - Date.now(), 0), MAX_TIMER_MS),
        )
      : undefined;
    const removeShutdownListener = this.hub.onShutdown(close);
    raw.once('close', close);

    const ready = JSON.stringify({ position: subscription.start });
    await write(
      `retry: ${RETRY_MS}\nid: ${formatPosition(subscription.start)}\nevent: ready\ndata: ${ready}\n\n`,
    ).catch(() => undefined);
    subscription
      .run((delivery: LiveDelivery) =>
        delivery.event
          ? write(
              `id: ${formatPosition(delivery.position)}\ndata: ${JSON.stringify(delivery.event)}\n\n`,
            )
          : Promise.resolve(),
      )
      .catch(() => undefined)
      .finally(close);
  }
}
