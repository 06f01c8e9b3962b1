export * from './tables.js';
export * from './migrations/index.js';
export * from './department.repository.js';
export * from './ticket-category.repository.js';
export * from './reference-data.mapper.js';
export {
  demoReferenceData,
  DEMO_DEPARTMENTS,
  DEMO_TICKET_CATEGORIES,
} from './seed/reference-data.seed.js';
export * from './ticket.repository.js';
export * from './session.repository.js';
export * from './ticket.mapper.js';
export * from './open311.repository.js';
export * from './supervision.repository.js';
export * from './metrics.repository.js';
export * from './extension.repository.js';
export * from './ticket-item.repository.js';
export * from './duplicate.repository.js';
