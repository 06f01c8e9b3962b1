import type { ColumnType, Insertable } from 'kysely';
import type { CloudEvent } from '../cloudevent.js';

/**
 * The messaging tables in a service's schema. A service adds them to its Kysely `DB` interface
 * (`interface DB extends MessagingTables { ... }`) to write outbox rows in its own statements.
 */
export interface MessagingTables {
  outbox: OutboxTable;
  inbox: InboxTable;
}

export interface OutboxTable {
  /** The event id (CloudEvent `id`). */
  id: string;
  /** Insertion order; the relay publishes in this order. Identity column: never written. */
  seq: ColumnType<number, never, never>;
  /** The CloudEvent `type`: the unprefixed NATS subject. */
  type: string;
  /** The CloudEvent `subject`: the aggregate id. */
  subject: string;
  /** The full CloudEvent. Written as JSON text so pg and PGlite store the same jsonb. */
  payload: ColumnType<CloudEvent, string, never>;
  /** Propagation headers captured when the event was written (`traceparent`, ...). */
  headers: ColumnType<Record<string, string>, string, never>;
  created_at: ColumnType<Date, never, never>;
  published_at: ColumnType<Date | null, never, Date>;
}

export interface InboxTable {
  /** The durable consumer's name. */
  consumer: string;
  event_id: string;
  processed_at: ColumnType<Date, never, never>;
}

/** An outbox row ready to insert, on its own or as one CTE of a business statement. */
export type OutboxRow = Insertable<OutboxTable>;
