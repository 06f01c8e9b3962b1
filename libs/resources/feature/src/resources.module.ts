import { type DynamicModule, Module } from '@nestjs/common';
import { CatalogueController } from './rpc/catalogue.controller.js';
import {
  DemoSeedRunner,
  RESOURCES_MODULE_OPTIONS,
  type ResourcesModuleOptions,
} from './seed/demo-seed.runner.js';
import { GetResourceUseCase } from './use-cases/get-resource.use-case.js';
import { GetResourcesOverviewUseCase } from './use-cases/get-resources-overview.use-case.js';
import { ListResourcesUseCase } from './use-cases/list-resources.use-case.js';
import { ListUnitsUseCase } from './use-cases/list-units.use-case.js';
import { SeedDemoCatalogueUseCase } from './use-cases/seed-demo-catalogue.use-case.js';

const USE_CASES = [
  ListUnitsUseCase,
  ListResourcesUseCase,
  GetResourceUseCase,
  GetResourcesOverviewUseCase,
  SeedDemoCatalogueUseCase,
];

/**
 * The resources service: the catalogue's use cases and NATS handlers. Needs the global
 * DATABASE (DatabaseModule with `resourcesMigrations`) and RPC_TOKEN_VERIFIER (RpcModule).
 */
@Module({})
export class ResourcesModule {
  static forRoot(options: ResourcesModuleOptions): DynamicModule {
    return {
      module: ResourcesModule,
      controllers: [CatalogueController],
      providers: [
        { provide: RESOURCES_MODULE_OPTIONS, useValue: options },
        DemoSeedRunner,
        ...USE_CASES,
      ],
      exports: USE_CASES,
    };
  }
}
