export { TriageModule } from './triage.module.js';
export type { TriageModuleOptions } from './seed/demo-seed.runner.js';
export { ListDepartmentsUseCase } from './use-cases/list-departments.use-case.js';
export { ListTicketCategoriesUseCase } from './use-cases/list-ticket-categories.use-case.js';
export { GetTriageOverviewUseCase } from './use-cases/get-triage-overview.use-case.js';
export { SeedDemoReferenceDataUseCase } from './use-cases/seed-demo-reference-data.use-case.js';
// The app's migrate command and DatabaseModule need the schema's migrations; apps import features only.
export { triageMigrations } from '@gm/triage-data-access';
export { TicketCommandsUseCase } from './tickets/ticket-commands.use-case.js';
export { TicketWorkflow, type Actor } from './tickets/ticket-workflow.js';
export { TRIAGE_CLOCK, WORKING_CALENDAR, type Clock } from './tickets/ticket-runtime.js';
export {
  DEFAULT_TRIAGE_SETTINGS,
  TRIAGE_SETTINGS,
  triageEnvSchema,
  triageSettingsFromEnv,
  type TriageEnv,
  type TriageSettings,
} from './config/triage-config.js';
export { SuperviseTicketsUseCase } from './supervision/supervise-tickets.use-case.js';
