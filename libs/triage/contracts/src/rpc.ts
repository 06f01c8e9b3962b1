import { z } from 'zod';
import { rpc } from '@gm/shared-contracts';
import { DepartmentSchema } from './department.js';
import { TriageOverviewSchema } from './overview.js';
import { TRIAGE_SUBJECTS } from './subjects.js';
import { TicketCategorySchema } from './ticket-category.js';

export const ListDepartments = rpc(
  TRIAGE_SUBJECTS.listDepartments,
  z.object({}),
  z.object({ items: z.array(DepartmentSchema) }),
);

export const ListTicketCategories = rpc(
  TRIAGE_SUBJECTS.listCategories,
  z.object({}),
  z.object({ items: z.array(TicketCategorySchema) }),
);

export const GetTriageOverview = rpc(TRIAGE_SUBJECTS.overview, z.object({}), TriageOverviewSchema);
