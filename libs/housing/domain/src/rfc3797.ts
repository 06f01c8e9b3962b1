import { createHash } from 'node:crypto';
import { AppError } from '@gm/shared-errors';
import { compareCodeUnits } from './canonical-json.js';

/** One published source of randomness: a single number, or a set of numbers (a lottery draw). */
export type Rfc3797Source = number | readonly number[];

/** One line of the RFC's worked-example table: the draw for one selection. */
export interface Rfc3797Step {
  /** 0-based, as hashed (the RFC prints index + 1 in its table). */
  index: number;
  /** MD5 of (index as 2 bytes, big-endian) ‖ key ‖ (index again), lower-case hex. */
  digest: string;
  /** How many candidates were left to choose from. */
  divisor: number;
  /** The candidate chosen, by its 1-based number in the published list. */
  selected: number;
}

/** The 2-byte index limits a draw to this many selections. */
export const RFC3797_MAX_POOL = 65_536;

/**
 * RFC 3797 §4's key string: each source's numbers in ascending order, each followed by ".", and
 * each source closed by "/" (e.g. `9319./2.5.8.10.12./9.18.26.34.41.45./`).
 */
export function rfc3797Key(sources: readonly Rfc3797Source[]): string {
  if (sources.length === 0) {
    throw AppError.invalid('an RFC 3797 draw needs at least one source', [
      { path: 'sources', code: 'lottery.no-sources', message: 'give at least one source' },
    ]);
  }
  return sources
    .map((source, i) => {
      const numbers = typeof source === 'number' ? [source] : [...source];
      if (numbers.length === 0 || numbers.some((n) => !Number.isSafeInteger(n) || n < 0)) {
        throw AppError.invalid('RFC 3797 sources are non-negative integers', [
          {
            path: `sources.${i}`,
            code: 'lottery.bad-source',
            message: 'a source is a non-negative integer or a non-empty list of them',
          },
        ]);
      }
      return `${numbers
        .sort((a, b) => a - b)
        .map((n) => `${n}.`)
        .join('')}/`;
    })
    .join('');
}

/**
 * RFC 3797 §4's selection of `count` of the `pool` candidates numbered 1..pool: for the i-th
 * selection, MD5(i ‖ key ‖ i) as a 128-bit big-endian integer, modulo the number left, picks that
 * (0-based) candidate among those not yet chosen, in published order.
 */
export function rfc3797Draw(key: string, pool: number, count = pool): Rfc3797Step[] {
  if (!Number.isInteger(pool) || pool < 1 || pool > RFC3797_MAX_POOL) {
    throw AppError.invalid(`an RFC 3797 draw takes 1 to ${RFC3797_MAX_POOL} candidates`, [
      {
        path: 'pool',
        code: 'lottery.pool-size',
        message: 'too many candidates',
        limit: RFC3797_MAX_POOL,
      },
    ]);
  }
  const selections = Math.min(Math.max(0, Math.floor(count)), pool);
  const left = new RemainingCandidates(pool);
  const keyBytes = Buffer.from(key, 'utf8');
  const steps: Rfc3797Step[] = [];
  for (let index = 0; index < selections; index++) {
    const prefix = Buffer.from([(index >> 8) & 0xff, index & 0xff]);
    const digest = createHash('md5').update(prefix).update(keyBytes).update(prefix).digest('hex');
    const divisor = pool - index;
    const position = Number(BigInt(`0x${digest}`) % BigInt(divisor));
    steps.push({ index, digest, divisor, selected: left.take(position) + 1 });
  }
  return steps;
}

/**
 * The applicants in RFC 3797 lottery order: they are numbered 1..n by public id (code-unit
 * order, so the published list is canonical) and all n are drawn.
 */
export function rfc3797Order(
  sources: readonly Rfc3797Source[],
  publicIds: readonly string[],
): string[] {
  if (publicIds.length === 0) return [];
  const numbered = [...publicIds].sort(compareCodeUnits);
  return rfc3797Draw(rfc3797Key(sources), numbered.length).map(
    (step) => numbered[step.selected - 1],
  );
}

/** The not-yet-chosen candidates 0..n-1, with the k-th of them found and removed in O(log n). */
class RemainingCandidates {
  private readonly tree: Int32Array;
  private readonly top: number;

  constructor(private readonly size: number) {
    this.tree = new Int32Array(size + 1);
    for (let i = 1; i <= size; i++) {
      this.tree[i] += 1;
      const parent = i + (i & -i);
      if (parent <= size) this.tree[parent] += this.tree[i];
    }
    let top = 1;
    while (top * 2 <= size) top *= 2;
    this.top = top;
  }

  /** Removes and returns the candidate with `k` (0-based) remaining candidates before it. */
  take(k: number): number {
    let position = 0;
    let rest = k + 1;
    for (let step = this.top; step > 0; step >>= 1) {
      const next = position + step;
      if (next <= this.size && this.tree[next] < rest) {
        position = next;
        rest -= this.tree[next];
      }
    }
    for (let i = position + 1; i <= this.size; i += i & -i) this.tree[i] -= 1;
    return position;
  }
}
