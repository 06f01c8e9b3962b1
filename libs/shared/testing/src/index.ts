export * from './env.js';
export * from './test-database.js';
export * from './unique-prefix.js';
export * from './wait-for.js';
export * from './free-port.js';
