import { AudienceSchema, isInAudience, type Identity } from '@gm/shared-contracts';
import { CloudEventSchema, type CloudEvent } from '@gm/shared-messaging';
import type { EventCatalogue } from './event-catalogue.js';

/**
 * The event as this caller may see it live, or undefined: events whose contract is `public`
 * reach anyone; others only a signed-in caller named by the contract's `audience(data)`; unknown
 * types, data that breaks its contract and malformed envelopes reach no one.
 */
export function visibleEvent(
  payload: unknown,
  catalogue: EventCatalogue,
  identity: Identity | undefined,
): CloudEvent | undefined {
  const envelope = CloudEventSchema.safeParse(payload);
  if (!envelope.success) return undefined;
  const contract = catalogue.get(envelope.data.type);
  if (!contract) return undefined;
  if (contract.public) return envelope.data;
  if (!identity || !contract.audience) return undefined;
  const data = contract.data.safeParse(envelope.data.data);
  if (!data.success) return undefined;
  let audience;
  try {
    audience = AudienceSchema.safeParse(contract.audience(data.data));
  } catch {
    return undefined;
  }
  return audience.success && isInAudience(audience.data, identity) ? envelope.data : undefined;
}
