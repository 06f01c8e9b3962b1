import { Controller } from '@nestjs/common';
import { RpcHandler, requireRole, type RpcCallContext } from '@gm/shared-messaging';
import {
  GetUtilisationStats,
  UpdateResource,
  type Resource,
  type StatsQuery,
  type UpdateResourceInput,
  type UtilisationStats,
} from '@gm/resources-contracts';
import { UpdateResourceUseCase } from '../catalogue/update-resource.use-case.js';
import { UtilisationStatsUseCase } from '../catalogue/utilisation-stats.use-case.js';

/** Catalogue editing (the owning unit's manager) and utilisation figures (signed in). */
@Controller()
export class ResourceManagementController {
  constructor(
    private readonly update: UpdateResourceUseCase,
    private readonly stats: UtilisationStatsUseCase,
  ) {}

  @RpcHandler(UpdateResource)
  updateResource(input: UpdateResourceInput, ctx: RpcCallContext): Promise<Resource> {
    return this.update.execute(requireRole(ctx, 'resource-manager'), input);
  }

  @RpcHandler(GetUtilisationStats)
  utilisation(query: StatsQuery, ctx: RpcCallContext): Promise<UtilisationStats> {
    return this.stats.execute(requireRole(ctx), query);
  }
}
