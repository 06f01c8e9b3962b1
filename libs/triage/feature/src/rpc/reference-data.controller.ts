import { Controller } from '@nestjs/common';
import { RpcHandler } from '@gm/shared-messaging';
import {
  GetTriageOverview,
  ListDepartments,
  ListTicketCategories,
  type Department,
  type TicketCategory,
  type TriageOverview,
} from '@gm/triage-contracts';
import { GetTriageOverviewUseCase } from '../use-cases/get-triage-overview.use-case.js';
import { ListDepartmentsUseCase } from '../use-cases/list-departments.use-case.js';
import { ListTicketCategoriesUseCase } from '../use-cases/list-ticket-categories.use-case.js';

/** Public reference data of the triage service: anyone may read it, so no token is needed. */
@Controller()
export class ReferenceDataController {
  constructor(
    private readonly departments: ListDepartmentsUseCase,
    private readonly categories: ListTicketCategoriesUseCase,
    private readonly overview: GetTriageOverviewUseCase,
  ) {}

  @RpcHandler(ListDepartments, { auth: 'optional' })
  listDepartments(): Promise<{ items: Department[] }> {
    return this.departments.execute();
  }

  @RpcHandler(ListTicketCategories, { auth: 'optional' })
  listCategories(): Promise<{ items: TicketCategory[] }> {
    return this.categories.execute();
  }

  @RpcHandler(GetTriageOverview, { auth: 'optional' })
  getOverview(): Promise<TriageOverview> {
    return this.overview.execute();
  }
}
