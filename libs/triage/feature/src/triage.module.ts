import { type DynamicModule, Module } from '@nestjs/common';
import { DEFAULT_TRIAGE_SETTINGS, TRIAGE_SETTINGS } from './config/triage-config.js';
import { HousingHandoffHandler } from './handoff/housing-handoff.handler.js';
import { ReferenceDataController } from './rpc/reference-data.controller.js';
import { TicketsController } from './rpc/tickets.controller.js';
import { MetricsController } from './rpc/metrics.controller.js';
import { TicketMetricsUseCase } from './metrics/ticket-metrics.use-case.js';
import { Open311Controller } from './open311/open311.controller.js';
import { Open311UseCase } from './open311/open311.use-case.js';
import { CreateTicketUseCase } from './tickets/create-ticket.use-case.js';
import { QueryTicketsUseCase } from './tickets/query-tickets.use-case.js';
import { SessionsUseCase } from './tickets/sessions.use-case.js';
import { TicketCommandsUseCase } from './tickets/ticket-commands.use-case.js';
import { ExtensionsUseCase } from './tickets/extensions.use-case.js';
import { DuplicateSuggestions } from './tickets/duplicate-suggestions.js';
import { DuplicatesUseCase } from './tickets/duplicates.use-case.js';
import { TicketItemsUseCase } from './tickets/ticket-items.use-case.js';
import { ticketRuntimeProviders } from './tickets/ticket-runtime.js';
import { TicketWorkflow } from './tickets/ticket-workflow.js';
import {
  DemoSeedRunner,
  TRIAGE_MODULE_OPTIONS,
  type TriageModuleOptions,
} from './seed/demo-seed.runner.js';
import { SeedDemoHistoryUseCase } from './seed/seed-demo-history.use-case.js';
import { SupervisionScheduler } from './supervision/supervision-scheduler.js';
import { SuperviseTicketsUseCase } from './supervision/supervise-tickets.use-case.js';
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
  ExtensionsUseCase,
  DuplicatesUseCase,
  TicketItemsUseCase,
  SessionsUseCase,
  SuperviseTicketsUseCase,
  TicketMetricsUseCase,
  SeedDemoHistoryUseCase,
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
      controllers: [
        ReferenceDataController,
        TicketsController,
        MetricsController,
        Open311Controller,
      ],
      providers: [
        { provide: TRIAGE_MODULE_OPTIONS, useValue: options },
        { provide: TRIAGE_SETTINGS, useValue: options.settings ?? DEFAULT_TRIAGE_SETTINGS },
        DemoSeedRunner,
        SupervisionScheduler,
        ...ticketRuntimeProviders,
        TicketWorkflow,
        DuplicateSuggestions,
        Open311UseCase,
        HousingHandoffHandler,
        ...USE_CASES,
      ],
      exports: USE_CASES,
    };
  }
}
