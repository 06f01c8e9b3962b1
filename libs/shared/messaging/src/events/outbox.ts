import type { z } from 'zod';
import type { EventContract } from '@gm/shared-contracts';
import type { Executor } from '@gm/shared-db';
import { createCloudEvent, currentTraceContext, type CloudEvent } from '../cloudevent.js';
import type { OutboxRow } from './tables.js';

export interface OutboxWriteOptions {
  /** The aggregate id: the CloudEvent `subject`. */
  subject: string;
}

/**
 * Writes events into the service's `outbox` table, in the caller's transaction, so the state
 * change and its event commit or roll back together. The relay publishes them afterwards.
 */
export class Outbox {
  /** @param source the CloudEvent `source` of this service, e.g. `/guangming/resources`. */
  constructor(readonly source: string) {}

  /**
   * The outbox row of a new event, for a single statement that writes the business row and
   * the event together (a CTE). Captures the active trace context into the row's headers.
   */
  row<D extends z.ZodType>(
    contract: EventContract<D>,
    data: z.input<D>,
    options: OutboxWriteOptions,
  ): OutboxRow {
    return this.build(contract, data, options).row;
  }

  /** Inserts a new event into the outbox with `trx` and returns it. */
  async add<D extends z.ZodType>(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any service's DB: only the outbox table is touched
    trx: Executor<any>,
    contract: EventContract<D>,
    data: z.input<D>,
    options: OutboxWriteOptions,
  ): Promise<CloudEvent<z.output<D>>> {
    const { event, row } = this.build(contract, data, options);
    await trx.insertInto('outbox').values(row).execute();
    return event;
  }

  private build<D extends z.ZodType>(
    contract: EventContract<D>,
    data: z.input<D>,
    { subject }: OutboxWriteOptions,
  ): { event: CloudEvent<z.output<D>>; row: OutboxRow } {
    const event = createCloudEvent(contract, data, { source: this.source, subject });
    const row: OutboxRow = {
      id: event.id,
      type: event.type,
      subject: event.subject,
      payload: JSON.stringify(event),
      headers: JSON.stringify(currentTraceContext()),
    };
    return { event, row };
  }
}
