import { type DynamicModule, Module } from '@nestjs/common';
import { ApplicationsUseCase } from './applications/applications.use-case.js';
import { TicketHandoffHandler } from './handoff/ticket-handoff.handler.js';
import { OfferExpirySweeper } from './offers/offer-expiry.sweeper.js';
import { OffersUseCase } from './offers/offers.use-case.js';
import { RoundAllocator } from './rounds/round-allocator.js';
import { RoundsUseCase } from './rounds/rounds.use-case.js';
import { HousingAllocationController } from './rpc/housing-allocation.controller.js';
import { HousingSettings } from './settings.js';
import { ListProjectUnitsUseCase } from './units/list-project-units.use-case.js';
import { VacateUnitUseCase } from './units/vacate-unit.use-case.js';
import { ReviewRequestsUseCase } from './reviews/review-requests.use-case.js';
import { HousingProjectsController } from './rpc/housing-projects.controller.js';
import { HousingSimulationController } from './rpc/housing-simulation.controller.js';
import { HousingStockController } from './rpc/housing-stock.controller.js';
import { AddUnitsUseCase } from './stock/add-units.use-case.js';
import { ManageProjectsUseCase } from './stock/manage-projects.use-case.js';
import { ManageUnitsUseCase } from './stock/manage-units.use-case.js';
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
  ListProjectUnitsUseCase,
  ApplicationsUseCase,
  RoundsUseCase,
  OffersUseCase,
  ReviewRequestsUseCase,
  VacateUnitUseCase,
  ManageProjectsUseCase,
  AddUnitsUseCase,
  ManageUnitsUseCase,
];

/**
 * The housing service: projects and units, and its NATS handlers. Needs the global DATABASE
 * (DatabaseModule with `housingMigrations`), RPC_TOKEN_VERIFIER (RpcModule) and `Outbox`
 * (EventsModule).
 */
@Module({})
export class HousingModule {
  static forRoot(options: HousingModuleOptions): DynamicModule {
    return {
      module: HousingModule,
      controllers: [
        HousingProjectsController,
        HousingSimulationController,
        HousingAllocationController,
        HousingStockController,
      ],
      providers: [
        { provide: HOUSING_MODULE_OPTIONS, useValue: options },
        DemoSeedRunner,
        HousingSettings,
        RoundAllocator,
        OfferExpirySweeper,
        TicketHandoffHandler,
        ...USE_CASES,
      ],
      exports: USE_CASES,
    };
  }
}
