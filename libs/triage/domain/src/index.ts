export * from './ticket-state-machine.js';
export * from './ticket-access.js';
export * from './calendar/holiday-calendar.js';
export * from './calendar/working-calendar.js';
export { CN_2026 } from './calendar/cn-2026.js';
export { CN_2027 } from './calendar/cn-2027.js';
export * from './supervision/supervision.js';
export * from './metrics/ticket-metrics.js';
export * from './sessions/minutes.js';
