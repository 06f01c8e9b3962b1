export * from './cloudevent.js';
export * from './streams.js';
export * from './events/index.js';
export * from './rpc/index.js';
export * from './nats-options.js';
