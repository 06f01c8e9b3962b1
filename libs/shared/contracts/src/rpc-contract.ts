import type { z } from 'zod';

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
}

export const rpc = <Req extends z.ZodType, Res extends z.ZodType>(
  subject: string,
  request: Req,
  response: Res,
): RpcContract<Req, Res> => ({ subject, request, response });

export const event = <Data extends z.ZodType>(
  type: string,
  data: Data,
  options: { public?: boolean } = {},
): EventContract<Data> => ({ type, data, ...options });
