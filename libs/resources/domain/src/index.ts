export * from './resource-ref.js';
