export { ResourcesModule } from './resources.module.js';
export type { ResourcesModuleOptions } from './seed/demo-seed.runner.js';
export { ListUnitsUseCase } from './use-cases/list-units.use-case.js';
export { ListResourcesUseCase } from './use-cases/list-resources.use-case.js';
export { GetResourceUseCase } from './use-cases/get-resource.use-case.js';
export { GetResourcesOverviewUseCase } from './use-cases/get-resources-overview.use-case.js';
export { SeedDemoCatalogueUseCase } from './use-cases/seed-demo-catalogue.use-case.js';
// The app's migrate command and DatabaseModule need the schema's migrations; apps import features only.
export { resourcesMigrations } from '@gm/resources-data-access';
