export * from './start-test-service.js';
export * from './events-test-module.js';
