export * from './subjects.js';
export * from './project.js';
export * from './overview.js';
export * from './simulation.js';
export * from './rpc.js';
