import { Controller } from '@nestjs/common';
import { RpcHandler } from '@gm/shared-messaging';
import {
  GetResource,
  GetResourcesOverview,
  ListResources,
  ListUnits,
  type Resource,
  type ResourceQuery,
  type ResourceRef,
  type ResourcesOverview,
  type Unit,
} from '@gm/resources-contracts';
import type { Page } from '@gm/shared-contracts';
import { GetResourceUseCase } from '../use-cases/get-resource.use-case.js';
import { GetResourcesOverviewUseCase } from '../use-cases/get-resources-overview.use-case.js';
import { ListResourcesUseCase } from '../use-cases/list-resources.use-case.js';
import { ListUnitsUseCase } from '../use-cases/list-units.use-case.js';

/** The public catalogue over NATS: anyone may read it, so no token is needed. */
@Controller()
export class CatalogueController {
  constructor(
    private readonly listUnits: ListUnitsUseCase,
    private readonly listResources: ListResourcesUseCase,
    private readonly getResource: GetResourceUseCase,
    private readonly getOverview: GetResourcesOverviewUseCase,
  ) {}

  @RpcHandler(ListUnits, { auth: 'optional' })
  units(): Promise<{ items: Unit[] }> {
    return this.listUnits.execute();
  }

  @RpcHandler(ListResources, { auth: 'optional' })
  resources(query: ResourceQuery): Promise<Page<Resource>> {
    return this.listResources.execute(query);
  }

  @RpcHandler(GetResource, { auth: 'optional' })
  resource({ id }: ResourceRef): Promise<Resource> {
    return this.getResource.execute(id);
  }

  @RpcHandler(GetResourcesOverview, { auth: 'optional' })
  overview(): Promise<ResourcesOverview> {
    return this.getOverview.execute();
  }
}
