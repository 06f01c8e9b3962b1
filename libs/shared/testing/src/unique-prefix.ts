import { randomBytes } from 'node:crypto';

const LABEL_MAX = 16;

/**
 * A fresh prefix for NATS_PREFIX, so each test file has its own subjects and streams on a shared
 * server: `t3f9a0c1b`, or `booking_3f9a0c1b` with a label. Only [a-z0-9_], which is valid in a
 * subject token, a stream or consumer name, and a PostgreSQL identifier.
 */
export function uniquePrefix(label?: string): string {
  const random = randomBytes(4).toString('hex');
  const clean = (label ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, LABEL_MAX)
    .replace(/_+$/, '');
  return clean ? `${clean}_${random}` : `t${random}`;
}
