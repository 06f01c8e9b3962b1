export * from './tables.js';
export * from './migrations.js';
export * from './outbox.js';
export * from './outbox-relay.js';
export * from './on-durable-event.decorator.js';
export * from './durable-consumer.js';
export * from './dead-letters.js';
export * from './nats-connection.js';
export * from './events.module.js';
export * from './metrics.js';
export {
  listDeadLetters,
  replayDeadLetter,
  main as runDlqCommand,
  REPLAY_OF_HEADER,
  type DeadLetterEntry,
  type DeadLetterSource,
  type ReplayResult,
} from '../dlq-cli.js';
