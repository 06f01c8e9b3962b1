export * from './database.js';
export * from './transaction.js';
export * from './migrations.js';
export * from './migrate-command.js';
export * from './errors.js';
export * from './database.module.js';
export * from './config.js';
