export * from './subjects.js';
export * from './unit.js';
export * from './booking-policy.js';
export * from './resource.js';
export * from './overview.js';
export * from './rpc.js';
