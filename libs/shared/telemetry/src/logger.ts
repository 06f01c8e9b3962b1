import { hostname } from 'node:os';
import { pino, type DestinationStream, type Logger } from 'pino';
import { activeTraceFields } from './trace-fields.js';

export interface LoggerOptions {
  /** Written as `service` on every line. */
  service: string;
  /** pino level name; `info` unless given. */
  level?: string;
}

/** Keys whose values never reach a log line: credentials and personal data. */
export const REDACTED_KEYS = [
  'authorization',
  'cookie',
  'password',
  'accessToken',
  'refreshToken',
  'idNumber',
  'phone',
] as const;

/** How deep under the logged object a redacted key is found (`*.*.*.password` at most). */
const REDACT_DEPTH = 3;

export const REDACT_PATHS: readonly string[] = REDACTED_KEYS.flatMap((key) =>
  Array.from({ length: REDACT_DEPTH + 1 }, (_, depth) =>
    [...Array<string>(depth).fill('*'), key].join('.'),
  ),
);

/**
 * The process's JSON logger: one line per entry with `service`, ISO `time`, the level's name,
 * and `trace_id`/`span_id` of the active span, so a log line leads to its trace.
 */
export function createLogger(options: LoggerOptions, destination?: DestinationStream): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service, pid: process.pid, hostname: hostname() },
      mixin: activeTraceFields,
      redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
