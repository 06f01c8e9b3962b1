import { z } from 'zod';
import { rpc } from '@gm/shared-contracts';
import { HousingOverviewSchema } from './overview.js';
import { HousingProjectSchema } from './project.js';
import { SimulationRequestSchema, SimulationResultSchema } from './simulation.js';
import { HOUSING_SUBJECTS } from './subjects.js';

export const ListHousingProjects = rpc(
  HOUSING_SUBJECTS.listProjects,
  z.object({}),
  z.object({ items: z.array(HousingProjectSchema) }),
);

export const GetHousingOverview = rpc(
  HOUSING_SUBJECTS.overview,
  z.object({}),
  HousingOverviewSchema,
);

/** Runs an allocation mechanism on a posted problem; touches no state (housing officer). */
export const SimulateAllocation = rpc(
  HOUSING_SUBJECTS.simulate,
  SimulationRequestSchema,
  SimulationResultSchema,
);
