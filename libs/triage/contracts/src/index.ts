export * from './subjects.js';
export * from './department.js';
export * from './ticket-category.js';
export * from './overview.js';
export * from './rpc.js';
