export * from './tables.js';
export * from './migrations/index.js';
export * from './unit.repository.js';
export * from './resource.repository.js';
export * from './resource.mapper.js';
export { demoCatalogue } from './seed/catalogue.seed.js';
export { DEMO_UNITS, type DemoUnitCode } from './seed/units.seed.js';
export { DEMO_RESOURCES } from './seed/resources.seed.js';
