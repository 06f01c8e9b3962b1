import { z } from 'zod';
import { pageOf, rpc } from '@gm/shared-contracts';
import { ResourcesOverviewSchema } from './overview.js';
import { ResourceQuerySchema, ResourceRefSchema, ResourceSchema } from './resource.js';
import { RESOURCES_SUBJECTS } from './subjects.js';
import { UnitSchema } from './unit.js';

export const ListUnits = rpc(
  RESOURCES_SUBJECTS.listUnits,
  z.object({}),
  z.object({ items: z.array(UnitSchema) }),
);

export const ListResources = rpc(
  RESOURCES_SUBJECTS.listResources,
  ResourceQuerySchema,
  pageOf(ResourceSchema),
);

/** Unknown id or code: an AppError `not-found`. */
export const GetResource = rpc(RESOURCES_SUBJECTS.getResource, ResourceRefSchema, ResourceSchema);

export const GetResourcesOverview = rpc(
  RESOURCES_SUBJECTS.overview,
  z.object({}),
  ResourcesOverviewSchema,
);
