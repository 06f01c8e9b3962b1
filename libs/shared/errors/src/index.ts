export * from './app-error.js';
export * from './zod-errors.js';
export * from './problem-details.js';
