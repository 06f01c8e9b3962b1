import { Logger, type LoggerService } from '@nestjs/common';
import { SpanKind, context } from '@opentelemetry/api';
import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import {
  headers as natsHeaders,
  type JetStreamClient,
  type NatsConnection,
  type PubAck,
} from 'nats';
import { inTransaction, type Database } from '@gm/shared-db';
import { prefixSubject } from '../streams.js';
import { eventMetrics } from './metrics.js';
import { NatsConnectionState } from './nats-connection.js';
import type { MessagingTables, OutboxTable } from './tables.js';
import {
  contextFromRecord,
  errorMessage,
  injectIntoMsgHeaders,
  recordFailure,
  tracer,
} from './trace.js';

export type EventsLogger = Pick<LoggerService, 'log' | 'warn' | 'error'>;

export interface OutboxRelayOptions {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any service's database: only the messaging tables are used
  database: Database<any>;
  nc: NatsConnection;
  /** NATS_PREFIX: subjects are published as `<prefix>.<type>`. */
  prefix?: string;
  /**
   * Rows taken (and locked) per transaction. Default 500: a backlog drains ≈ 2× faster than with
   * 100 (docs/performance.md); a quiet outbox still goes a few rows at a time.
   */
  batchSize?: number;
  /** Fallback poll when no notification arrives. Default 250 ms. */
  pollIntervalMs?: number;
  /** How long to wait for JetStream's ack of one message. Default 5 s. */
  publishTimeoutMs?: number;
  /** Ceiling of the back-off between failed attempts. Default 10 s. */
  maxBackoffMs?: number;
  /** Published rows older than this are deleted. Default 7 days. */
  retentionMs?: number;
  /**
   * Inbox rows older than this are deleted. Default 90 days: longer than an event can come back
   * (stream and dead-letter retention, 30 days each), so a replay still finds them.
   */
  inboxRetentionMs?: number;
  /** How often the retention sweep runs. Default 1 min. */
  sweepIntervalMs?: number;
  logger?: EventsLogger;
  /** Called with the ids of each committed batch: for metrics, and for tests to see who published what. */
  onPublished?: (ids: readonly string[]) => void;
}

export interface OutboxRelayStats {
  /** Messages this relay published and marked as sent. */
  published: number;
  /** Of those, messages JetStream reported as duplicates (already stored under the same id). */
  duplicates: number;
  /** Attempts that failed (or found NATS away) and were rolled back, to be retried. */
  failedAttempts: number;
}

/** The payload comes as the JSON text PostgreSQL renders, published as it is (no parse and re-stringify). */
type PendingRow = Pick<Selectable<OutboxTable>, 'id' | 'type' | 'headers'> & { payload: string };

const DAY_MS = 24 * 60 * 60 * 1000;
const MIN_BACKOFF_MS = 100;
const SWEEP_CHUNK = 1000;

/**
 * Publishes the outbox to JetStream: rows in `seq` order, a batch at a time, each batch inside a
 * transaction that locked its rows (`FOR UPDATE SKIP LOCKED`, so several relays share the work
 * without publishing a row twice) and marked them sent, committed only after JetStream
 * acknowledged every message. On failure the batch rolls back and is retried with capped
 * exponential back-off.
 */
export class OutboxRelay {
  readonly #stats: OutboxRelayStats = { published: 0, duplicates: 0, failedAttempts: 0 };
  readonly #db: Kysely<MessagingTables>;
  readonly #js: JetStreamClient;
  readonly #connection: NatsConnectionState;
  readonly #logger: EventsLogger;
  readonly #options: Required<Omit<OutboxRelayOptions, 'onPublished' | 'logger'>>;

  #running?: Promise<void>;
  #stopping = false;
  /** A notification arrived since the current pass began. */
  #woken = false;
  #sleeping?: { wakeable: boolean; resolve: () => void };
  #consecutiveFailures = 0;
  #unlisten?: () => Promise<void>;
  #stopReconnectListener?: () => void;
  #sweepTimer?: NodeJS.Timeout;
  #sweeping?: Promise<void>;

  constructor(private readonly options: OutboxRelayOptions) {
    this.#options = {
      database: options.database,
      nc: options.nc,
      prefix: options.prefix ?? '',
      batchSize: options.batchSize ?? 500,
      pollIntervalMs: options.pollIntervalMs ?? 250,
      publishTimeoutMs: options.publishTimeoutMs ?? 5000,
      maxBackoffMs: options.maxBackoffMs ?? 10_000,
      retentionMs: options.retentionMs ?? 7 * DAY_MS,
      inboxRetentionMs: options.inboxRetentionMs ?? 90 * DAY_MS,
      sweepIntervalMs: options.sweepIntervalMs ?? 60_000,
    };
    this.#db = options.database.db;
    this.#js = options.nc.jetstream();
    this.#connection = new NatsConnectionState(options.nc);
    this.#logger = options.logger ?? new Logger('OutboxRelay');
  }

  get stats(): Readonly<OutboxRelayStats> {
    return { ...this.#stats };
  }

  async start(): Promise<void> {
    if (this.#running) return;
    const { database } = this.#options;
    this.#unlisten = await database.listen(`${database.schema}_outbox`, () => this.wake());
    // After an outage, catch up at once instead of waiting out the back-off.
    this.#stopReconnectListener = this.#connection.onReconnect(() => this.#sleeping?.resolve());
    this.#running = this.run();
    this.#sweepTimer = setInterval(() => this.sweepInBackground(), this.#options.sweepIntervalMs);
    this.#sweepTimer.unref();
  }

  /** Finishes the batch in flight, then stops. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#sleeping?.resolve();
    clearInterval(this.#sweepTimer);
    this.#stopReconnectListener?.();
    await this.#running;
    await this.#sweeping;
    const unlisten = this.#unlisten;
    this.#unlisten = undefined;
    await unlisten?.();
  }

  /** Events written but not yet published (the `gm_outbox_backlog` metric). */
  backlog(): Promise<number> {
    return outboxBacklog(this.#db);
  }

  /**
   * Deletes published outbox rows older than the retention, and inbox rows older than the inbox
   * retention; also runs periodically once started. Both in chunks, so a sweep never holds many
   * row locks at once.
   */
  async sweep(): Promise<{ outbox: number; inbox: number }> {
    const { retentionMs, inboxRetentionMs } = this.#options;
    const outbox = await this.deleteInChunks(
      (before) => sql`delete from outbox where id in (
        select id from outbox where published_at < ${before} limit ${SWEEP_CHUNK}) returning 1`,
      retentionMs,
    );
    const inbox = await this.deleteInChunks(
      (before) => sql`delete from inbox where ctid in (
        select ctid from inbox where processed_at < ${before} limit ${SWEEP_CHUNK}) returning 1`,
      inboxRetentionMs,
    );
    return { outbox, inbox };
  }

  private async deleteInChunks(
    statement: (before: Date) => RawBuilder<unknown>,
    ageMs: number,
  ): Promise<number> {
    const before = new Date(Date.now() - ageMs);
    let deleted = 0;
    for (;;) {
      // Counted from RETURNING: the affected-row count is not reported the same way by every dialect.
      const n = (await statement(before).execute(this.#db)).rows.length;
      deleted += n;
      if (n < SWEEP_CHUNK || this.#stopping) return deleted;
    }
  }

  private wake(): void {
    this.#woken = true;
    if (this.#sleeping?.wakeable) this.#sleeping.resolve();
  }

  private async run(): Promise<void> {
    while (!this.#stopping) {
      this.#woken = false;
      let full: boolean;
      try {
        full = await this.relayBatch();
      } catch (error) {
        this.failed(error);
        await this.pause(this.backoffMs(), false);
        continue;
      }
      this.succeeded();
      if (!full) await this.pause(this.#options.pollIntervalMs, true);
    }
  }

  /** One batch; true when it was full, so more rows are probably waiting. */
  private async relayBatch(): Promise<boolean> {
    // Publishing while the client is away would only hold the row locks until the timeouts.
    if (!this.#connection.connected) throw new Error('NATS connection is down');
    const { batchSize } = this.#options;
    const published = await inTransaction(this.#db, async (trx) => {
      // Takes and marks the batch in one statement; the marks commit only once JetStream has
      // acknowledged every message, and roll back with the batch otherwise.
      const rows = (
        await trx
          .updateTable('outbox')
          .set({ published_at: new Date() })
          .where('id', 'in', (eb) =>
            eb
              .selectFrom('outbox')
              .select('id')
              .where('published_at', 'is', null)
              .orderBy('seq')
              .limit(batchSize)
              .forUpdate()
              .skipLocked(),
          )
          .returning(['id', 'seq', 'type', 'headers', sql<string>`payload::text`.as('payload')])
          .execute()
      ).sort((a, b) => Number(a.seq) - Number(b.seq));
      if (rows.length === 0) return [];
      // "Published" need not survive a crash: a row that comes back unpublished is published
      // again under the same Nats-Msg-Id, which JetStream drops as a duplicate (and an inbox
      // would turn into a no-op). So this commit does not wait for the WAL flush (ADR 0019).
      await sql`set local synchronous_commit to off`.execute(trx);
      const acks = await Promise.all(rows.map((row) => this.publish(row)));
      return rows.map((row, i) => ({ id: row.id, type: row.type, ack: acks[i] as PubAck }));
    });
    this.count(published);
    return published.length === batchSize;
  }

  private publish(row: PendingRow): Promise<PubAck> {
    const subject = prefixSubject(this.#options.prefix, row.type);
    // The producer span continues the trace of the request that wrote the event.
    return tracer.startActiveSpan(
      `publish ${row.type}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': 'nats',
          'messaging.operation.type': 'publish',
          'messaging.destination.name': subject,
          'messaging.message.id': row.id,
        },
      },
      contextFromRecord(row.headers),
      async (span) => {
        try {
          const headers = natsHeaders();
          for (const [key, value] of Object.entries(row.headers)) headers.set(key, value);
          injectIntoMsgHeaders(context.active(), headers);
          headers.set('Ce-Type', row.type);
          return await this.#js.publish(subject, row.payload, {
            msgID: row.id,
            headers,
            timeout: this.#options.publishTimeoutMs,
          });
        } catch (error) {
          recordFailure(span, error);
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }

  private count(published: { id: string; type: string; ack: PubAck }[]): void {
    if (published.length === 0) return;
    this.#stats.published += published.length;
    published.forEach((p) => eventMetrics.published.inc({ type: p.type }));
    this.#stats.duplicates += published.filter((p) => p.ack.duplicate).length;
    this.options.onPublished?.(published.map((p) => p.id));
  }

  private failed(error: unknown): void {
    this.#stats.failedAttempts++;
    // One line per outage, not one per attempt.
    if (this.#consecutiveFailures++ === 0) {
      this.#logger.warn(
        `cannot publish outbox events (${errorMessage(error)}); retrying until it works`,
      );
    }
  }

  private succeeded(): void {
    if (this.#consecutiveFailures > 0) {
      this.#logger.log(
        `publishing outbox events again after ${this.#consecutiveFailures} failed attempts`,
      );
    }
    this.#consecutiveFailures = 0;
  }

  private backoffMs(): number {
    const exponential = MIN_BACKOFF_MS * 2 ** Math.min(this.#consecutiveFailures - 1, 16);
    // Jitter keeps several relays from retrying in lockstep.
    return Math.min(this.#options.maxBackoffMs, exponential) * (0.8 + Math.random() * 0.4);
  }

  private pause(ms: number, wakeable: boolean): Promise<void> {
    if (this.#stopping || (wakeable && this.#woken)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#sleeping = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#sleeping = { wakeable, resolve: done };
    });
  }

  private sweepInBackground(): void {
    if (this.#sweeping) return;
    this.#sweeping = this.sweep()
      .then(() => undefined)
      .catch((error: unknown) =>
        this.#logger.warn(`messaging retention sweep failed: ${errorMessage(error)}`),
      )
      .finally(() => (this.#sweeping = undefined));
  }
}

/** Events written but not yet published. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any service's database
export async function outboxBacklog(db: Kysely<any>): Promise<number> {
  const { n } = await (db as Kysely<MessagingTables>)
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('published_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}
