import { type DynamicModule, Module } from '@nestjs/common';
import { ReferenceDataController } from './rpc/reference-data.controller.js';
import {
  DemoSeedRunner,
  TRIAGE_MODULE_OPTIONS,
  type TriageModuleOptions,
} from './seed/demo-seed.runner.js';
import { GetTriageOverviewUseCase } from './use-cases/get-triage-overview.use-case.js';
import { ListDepartmentsUseCase } from './use-cases/list-departments.use-case.js';
import { ListTicketCategoriesUseCase } from './use-cases/list-ticket-categories.use-case.js';
import { SeedDemoReferenceDataUseCase } from './use-cases/seed-demo-reference-data.use-case.js';

const USE_CASES = [
  ListDepartmentsUseCase,
  ListTicketCategoriesUseCase,
  GetTriageOverviewUseCase,
  SeedDemoReferenceDataUseCase,
];

/**
 * The triage service: reference data for 问诊会 tickets and its NATS handlers. Needs the global
 * DATABASE (DatabaseModule with `triageMigrations`) and RPC_TOKEN_VERIFIER (RpcModule).
 */
@Module({})
export class TriageModule {
  static forRoot(options: TriageModuleOptions): DynamicModule {
    return {
      module: TriageModule,
      controllers: [ReferenceDataController],
      providers: [
        { provide: TRIAGE_MODULE_OPTIONS, useValue: options },
        DemoSeedRunner,
        ...USE_CASES,
      ],
      exports: USE_CASES,
    };
  }
}
