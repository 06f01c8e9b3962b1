export { HousingModule } from './housing.module.js';
export type { HousingModuleOptions } from './seed/demo-seed.runner.js';
export { ListHousingProjectsUseCase } from './use-cases/list-housing-projects.use-case.js';
export { GetHousingOverviewUseCase } from './use-cases/get-housing-overview.use-case.js';
export { SeedDemoHousingUseCase } from './use-cases/seed-demo-housing.use-case.js';
export { SimulateAllocationUseCase } from './use-cases/simulate-allocation.use-case.js';
// The app's migrate command and DatabaseModule need the schema's migrations; apps import features only.
export { housingMigrations } from '@gm/housing-data-access';
export { housingEnvSchema, type HousingConfig } from './config/housing-config.js';
export { ListProjectUnitsUseCase } from './units/list-project-units.use-case.js';
export { ApplicationsUseCase } from './applications/applications.use-case.js';
export { RoundsUseCase } from './rounds/rounds.use-case.js';
export { OffersUseCase } from './offers/offers.use-case.js';
