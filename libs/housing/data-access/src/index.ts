export * from './tables.js';
export * from './migrations/index.js';
export * from './project.repository.js';
export * from './project.mapper.js';
export { demoHousingStock, DEMO_HOUSING_PROJECTS } from './seed/housing-stock.seed.js';
