import { z } from 'zod';
import { RESOURCE_CATEGORIES, RESOURCE_STATUSES } from './resource.js';

const countsOf = <const K extends readonly [string, ...string[]]>(keys: K) =>
  z.object(
    Object.fromEntries(keys.map((k) => [k, z.number().int().min(0)])) as Record<
      K[number],
      z.ZodNumber
    >,
  );

/** The catalogue's figures for the portal overview. */
export const ResourcesOverviewSchema = z.object({
  units: z.number().int().min(0),
  resources: z.object({
    total: z.number().int().min(0),
    byCategory: countsOf(RESOURCE_CATEGORIES),
    byStatus: countsOf(RESOURCE_STATUSES),
  }),
});
export type ResourcesOverview = z.infer<typeof ResourcesOverviewSchema>;
