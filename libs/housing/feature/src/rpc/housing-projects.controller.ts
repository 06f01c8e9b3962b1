import { Controller } from '@nestjs/common';
import { RpcHandler } from '@gm/shared-messaging';
import {
  GetHousingOverview,
  ListHousingProjects,
  type HousingOverview,
  type HousingProject,
} from '@gm/housing-contracts';
import { GetHousingOverviewUseCase } from '../use-cases/get-housing-overview.use-case.js';
import { ListHousingProjectsUseCase } from '../use-cases/list-housing-projects.use-case.js';

/** Public housing figures: anyone may read them, so no token is needed. */
@Controller()
export class HousingProjectsController {
  constructor(
    private readonly projects: ListHousingProjectsUseCase,
    private readonly overview: GetHousingOverviewUseCase,
  ) {}

  @RpcHandler(ListHousingProjects, { auth: 'optional' })
  listProjects(): Promise<{ items: HousingProject[] }> {
    return this.projects.execute();
  }

  @RpcHandler(GetHousingOverview, { auth: 'optional' })
  getOverview(): Promise<HousingOverview> {
    return this.overview.execute();
  }
}
