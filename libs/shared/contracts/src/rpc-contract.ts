import type { z } from 'zod';
import type { Audience } from './audience.js';

/**
 * A request–reply message: its subject and the schemas of both ends. Each service's contracts
 * lib declares these as plain objects; the messaging lib validates with them on both sides.
 */
export interface RpcContract<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  subject: string;
  request: Req;
  response: Res;
}

/** A domain event: its CloudEvents `type` (also the NATS subject) and its `data` schema. */
export interface EventContract<Data extends z.ZodType = z.ZodType> {
  type: string;
  data: Data;
  /** Events a signed-out portal visitor may see live (no personal data). */
  public?: boolean;
  /**
   * Who may see a non-public event live on the portal, from its data, e.g.
   * `(d) => [{ userId: d.requesterId }, { unitId: d.unitId, role: 'resource-manager' }]`.
   * Without it (and not public) the event is never shown live.
   */
  audience?: (data: z.output<Data>) => Audience;
}

export const rpc = <Req extends z.ZodType, Res extends z.ZodType>(
  subject: string,
  request: Req,
  response: Res,
): RpcContract<Req, Res> => ({ subject, request, response });

export const event = <Data extends z.ZodType>(
  type: string,
  data: Data,
  options: Pick<EventContract<Data>, 'public' | 'audience'> = {},
): EventContract<Data> => ({ type, data, ...options });
