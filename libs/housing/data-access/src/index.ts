export * from './tables.js';
export * from './migrations/index.js';
export * from './project.repository.js';
export * from './project.mapper.js';
export { demoHousingStock, DEMO_HOUSING_PROJECTS } from './seed/housing-stock.seed.js';
export * from './unit.repository.js';
export * from './application.repository.js';
export * from './round.repository.js';
export * from './review-request.repository.js';
