export * from './identity.js';
export * from './pagination.js';
export * from './stable-id.js';
export * from './rpc-contract.js';
export * from './audience.js';
