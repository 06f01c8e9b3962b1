export * from './start-test-service.js';
