export * from './service-definition.js';
export * from './service-config.js';
export * from './service-app.module.js';
export * from './service-app.js';
export * from './service-cli.js';
export * from './periodic-task.js';
