import { type DynamicModule, Module } from '@nestjs/common';
import { ReferenceDataController } from './rpc/reference-data.controller.js';
import { TicketsController } from './rpc/tickets.controller.js';
import { CreateTicketUseCase } from './tickets/create-ticket.use-case.js';
import { QueryTicketsUseCase } from './tickets/query-tickets.use-case.js';
import { SessionsUseCase } from './tickets/sessions.use-case.js';
import { TicketCommandsUseCase } from './tickets/ticket-commands.use-case.js';
import { ticketRuntimeProviders } from './tickets/ticket-runtime.js';
import { TicketWorkflow } from './tickets/ticket-workflow.js';
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
  CreateTicketUseCase,
  QueryTicketsUseCase,
  TicketCommandsUseCase,
  SessionsUseCase,
];

/**
 * The triage service: 问诊会 tickets, sessions and their reference data, with NATS handlers.
 * Needs the global DATABASE (DatabaseModule with `triageMigrations`), RPC_TOKEN_VERIFIER
 * (RpcModule) and `Outbox` (EventsModule).
 */
@Module({})
export class TriageModule {
  static forRoot(options: TriageModuleOptions): DynamicModule {
    return {
      module: TriageModule,
      controllers: [ReferenceDataController, TicketsController],
      providers: [
        { provide: TRIAGE_MODULE_OPTIONS, useValue: options },
        DemoSeedRunner,
        ...ticketRuntimeProviders,
        TicketWorkflow,
        ...USE_CASES,
      ],
      exports: USE_CASES,
    };
  }
}
