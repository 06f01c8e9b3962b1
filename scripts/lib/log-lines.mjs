// Turns a child's output line into what the launcher prints: pino JSON becomes a compact
// `time LEVEL msg key=value` line (the raw JSON with --raw-logs); anything else passes unchanged.
import { paint } from './terminal.mjs';

const levels = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const levelColors = {
  TRACE: 'gray',
  DEBUG: 'gray',
  INFO: 'green',
  WARN: 'yellow',
  ERROR: 'red',
  FATAL: 'red',
};
// Fields the prefix or the compact form already shows, or that only matter to a log store.
const hidden = new Set([
  'level',
  'time',
  'msg',
  'pid',
  'hostname',
  'service',
  'name',
  'trace_id',
  'span_id',
  'trace_flags',
  'err',
]);

/** The parsed record when `line` is a pino JSON log line, else undefined. */
export function parsePinoLine(line) {
  if (!line.startsWith('{')) return undefined;
  try {
    const record = JSON.parse(line);
    return record && typeof record === 'object' && 'level' in record && 'msg' in record
      ? record
      : undefined;
  } catch {
    return undefined;
  }
}

const levelName = (level) =>
  typeof level === 'number' ? (levels[level] ?? String(level)) : String(level).toUpperCase();

const clock = (time) => {
  const date = new Date(time ?? Date.now());
  return Number.isNaN(date.getTime()) ? '' : date.toTimeString().slice(0, 8);
};

const showValue = (value) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
};

/** The compact human form of a pino record: one line, then an error's stack if it has one. */
export function compactPinoLine(record) {
  const level = levelName(record.level);
  const extras = Object.entries(record)
    .filter(([key, value]) => !hidden.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${showValue(value)}`);
  const head = [
    paint('gray', clock(record.time)),
    paint(levelColors[level] ?? 'bold', level.padEnd(5)),
    record.msg,
    ...extras,
  ]
    .filter(Boolean)
    .join(' ');
  const err = record.err;
  if (!err || typeof err !== 'object') return head;
  const detail =
    typeof err.stack === 'string' ? err.stack : `${err.type ?? 'Error'}: ${err.message ?? ''}`;
  return `${head}\n${detail
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n')}`;
}

/** @param {string} line @param {{ raw: boolean }} options */
export function formatLine(line, { raw }) {
  if (raw) return line;
  const record = parsePinoLine(line);
  return record ? compactPinoLine(record) : line;
}
