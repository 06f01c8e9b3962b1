import { SetMetadata } from '@nestjs/common';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { EventContract } from '@gm/shared-contracts';
import type { CloudEvent } from '../cloudevent.js';

export interface DurableEventOptions {
  /** The handler's name in the durable consumer's name; default `<Class>_<method>`. Keep it stable: a new name is a new consumer. */
  durable?: string;
  /** Deliveries before the event goes to the dead letters. Default 5. */
  maxDeliver?: number;
  /** Events handled at once by this handler in this process. Default 4. */
  concurrency?: number;
  /** Delay before redelivery after the n-th failed attempt; the last value repeats. Default 1 s, 5 s, 15 s, 30 s. */
  backoffMs?: number[];
  /** How long JetStream waits for an ack before redelivering. Default 30 s. */
  ackWaitMs?: number;
  /**
   * Handle up to this many events waiting together in one transaction: their inbox rows and
   * effects share one commit, then all are acked (ADR 0019). Opt in only where the handler's
   * effects are independent of each other and it takes no lock another batch may take in a
   * different order; a batch that fails is run again one event per transaction, so retries and
   * dead letters stay per event. Keep `batch` × the handler's time well under `ackWaitMs`;
   * `concurrency` then counts batches in flight. Default 1: one transaction per event.
   */
  batch?: number;
}

export interface DurableEventContext {
  /** The transaction that also records the event as processed: do the handler's writes with it. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the handler's own service DB
  trx: Transaction<any>;
  /** 1 on the first delivery. */
  deliveryCount: number;
}

export type DurableEventHandler<D extends z.ZodType = z.ZodType> = (
  event: CloudEvent<z.output<D>>,
  ctx: DurableEventContext,
) => Promise<void>;

export interface DurableEventMetadata {
  contract: EventContract;
  options: DurableEventOptions;
}

export const DURABLE_EVENT_METADATA = 'gm:durable-event';

/**
 * Marks a provider method as the durable handler of one event type. The events module finds it
 * at bootstrap and feeds it from its own JetStream durable consumer; the method runs at most
 * once with effect per event, inside a transaction it receives in `ctx.trx`.
 */
export function OnDurableEvent<D extends z.ZodType>(
  contract: EventContract<D>,
  options: DurableEventOptions = {},
) {
  const metadata: DurableEventMetadata = { contract, options };
  // Generic in the method's own type, so a handler may leave out `ctx`; its event type must still fit.
  return <H extends DurableEventHandler<D>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<H>,
  ): void => {
    SetMetadata(DURABLE_EVENT_METADATA, metadata)(target, key, descriptor);
  };
}
