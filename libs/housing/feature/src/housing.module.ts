import { type DynamicModule, Module } from '@nestjs/common';
import { HousingProjectsController } from './rpc/housing-projects.controller.js';
import { HousingSimulationController } from './rpc/housing-simulation.controller.js';
import {
  DemoSeedRunner,
  HOUSING_MODULE_OPTIONS,
  type HousingModuleOptions,
} from './seed/demo-seed.runner.js';
import { GetHousingOverviewUseCase } from './use-cases/get-housing-overview.use-case.js';
import { ListHousingProjectsUseCase } from './use-cases/list-housing-projects.use-case.js';
import { SeedDemoHousingUseCase } from './use-cases/seed-demo-housing.use-case.js';
import { SimulateAllocationUseCase } from './use-cases/simulate-allocation.use-case.js';

const USE_CASES = [
  ListHousingProjectsUseCase,
  GetHousingOverviewUseCase,
  SeedDemoHousingUseCase,
  SimulateAllocationUseCase,
];

/**
 * The housing service: projects and units, and its NATS handlers. Needs the global DATABASE
 * (DatabaseModule with `housingMigrations`) and RPC_TOKEN_VERIFIER (RpcModule).
 */
@Module({})
export class HousingModule {
  static forRoot(options: HousingModuleOptions): DynamicModule {
    return {
      module: HousingModule,
      controllers: [HousingProjectsController, HousingSimulationController],
      providers: [
        { provide: HOUSING_MODULE_OPTIONS, useValue: options },
        DemoSeedRunner,
        ...USE_CASES,
      ],
      exports: USE_CASES,
    };
  }
}
