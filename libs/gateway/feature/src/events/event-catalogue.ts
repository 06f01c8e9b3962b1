import { z } from 'zod';
import * as housing from '@gm/housing-contracts';
import * as resources from '@gm/resources-contracts';
import type { EventContract } from '@gm/shared-contracts';
import * as triage from '@gm/triage-contracts';

/** The services whose contracts libs declare events; each has a stream `<SERVICE>_EVENTS`. */
export const EVENT_SERVICES = ['resources', 'triage', 'housing'] as const;
export type EventService = (typeof EVENT_SERVICES)[number];

const EVENT_TYPE = /^([a-z]+)\.evt\.[a-z0-9-]+(\.[a-z0-9-]+)*\.v[0-9]+$/;

function isEventContract(value: unknown): value is EventContract {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<EventContract>;
  return (
    typeof candidate.type === 'string' &&
    EVENT_TYPE.test(candidate.type) &&
    candidate.data instanceof z.ZodType
  );
}

/**
 * Every event contract a module exports, found by shape, so a service adding an event needs no
 * registration in the gateway (arrays of contracts are looked into too).
 */
export function eventContractsOf(module: Record<string, unknown>): EventContract[] {
  const found = new Map<string, EventContract>();
  const visit = (value: unknown) => {
    if (isEventContract(value)) found.set(value.type, value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null && !(value instanceof z.ZodType)) {
      Object.values(value).forEach((inner) => {
        if (isEventContract(inner)) found.set(inner.type, inner);
      });
    }
  };
  Object.values(module).forEach(visit);
  return [...found.values()];
}

/** Event contracts by type. */
export type EventCatalogue = ReadonlyMap<string, EventContract>;

export function catalogueOf(contracts: Iterable<EventContract>): EventCatalogue {
  const catalogue = new Map<string, EventContract>();
  for (const contract of contracts) {
    const existing = catalogue.get(contract.type);
    if (existing && existing !== contract && existing.public !== contract.public) {
      throw new Error(`event ${contract.type} is declared twice with different visibility`);
    }
    catalogue.set(contract.type, contract);
  }
  return catalogue;
}

/** The events of all three services, from their contracts libs. */
export function platformEventCatalogue(): EventCatalogue {
  return catalogueOf(
    [resources, triage, housing].flatMap((module) =>
      eventContractsOf(module as Record<string, unknown>),
    ),
  );
}

/** `resources.evt.booking.approved.v1` → `resources`. */
export function serviceOfEventType(type: string): string | undefined {
  return EVENT_TYPE.exec(type)?.[1];
}
