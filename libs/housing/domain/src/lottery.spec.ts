import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { lotteryNumber, lotteryOrder } from './lottery.js';
import { drawLottery, rankApplicants, type PriorityClaim } from './priority.js';

const IDS = ['a1', 'a2', 'a3', 'a4', 'a5'];

/** Pearson's chi-square statistic of counts against a uniform expectation. */
function chiSquare(counts: number[]): number {
  const expected = counts.reduce((s, c) => s + c, 0) / counts.length;
  return counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
}
// Critical values at p = 0.001 for 4 and 24 degrees of freedom.
const CRITICAL_DF4 = 18.467;
const CRITICAL_DF24 = 51.179;

/** How often each applicant draws first, and each applicant × place, over many seeds. */
function tally(order: (seed: string) => string[], seeds = 4000) {
  const first = new Array(IDS.length).fill(0);
  const places = new Array(IDS.length * IDS.length).fill(0);
  for (let s = 0; s < seeds; s++) {
    order(`seed-${s}`).forEach((id, place) => {
      const a = IDS.indexOf(id);
      if (place === 0) first[a]++;
      places[a * IDS.length + place]++;
    });
  }
  return { first, places };
}

describe('the SHA-256 lottery', () => {
  it('is SHA-256(seed | publicId), compared as a big-endian integer', () => {
    const expected = createHash('sha256').update('beacon-2024-06|a1').digest();
    expect(lotteryNumber('beacon-2024-06', 'a1')).toBe(expected.toString('hex'));
    const order = lotteryOrder('beacon-2024-06', IDS);
    const asInteger = (id: string) => BigInt(`0x${lotteryNumber('beacon-2024-06', id)}`);
    for (let i = 1; i < order.length; i++)
      expect(asInteger(order[i - 1]) < asInteger(order[i])).toBe(true);
  });

  it('gives each applicant one number whatever the input order', () => {
    expect(lotteryOrder('s', [...IDS].reverse())).toEqual(lotteryOrder('s', IDS));
  });

  it('is unbiased: who draws first, and every applicant × place, pass a chi-square test', () => {
    const { first, places } = tally((seed) => lotteryOrder(seed, IDS));
    expect(chiSquare(first)).toBeLessThan(CRITICAL_DF4);
    // Each applicant's places are uniform too (5 × 5 cells, 4 000 draws).
    for (let a = 0; a < IDS.length; a++) {
      expect(chiSquare(places.slice(a * IDS.length, (a + 1) * IDS.length))).toBeLessThan(
        CRITICAL_DF4,
      );
    }
    expect(chiSquare(places)).toBeLessThan(CRITICAL_DF24);
  });

  it('negative control: the test catches a lottery whose ties favour low ids', () => {
    // Only the first hex digit counts, ties by id: a1 wins too often.
    const biased = (seed: string) =>
      [...IDS].sort(
        (x, y) =>
          lotteryNumber(seed, x).charCodeAt(0) - lotteryNumber(seed, y).charCodeAt(0) ||
          (x < y ? -1 : 1),
      );
    expect(chiSquare(tally(biased).first)).toBeGreaterThan(CRITICAL_DF4);
  });
});

describe('the priority key', () => {
  const claims: PriorityClaim[] = [
    { publicId: 'p-late', tierRank: 1, points: 80, baseDate: '2022-01-01' },
    { publicId: 'p-early', tierRank: 1, points: 80, baseDate: '2021-03-01' },
    { publicId: 'p-points', tierRank: 1, points: 95, baseDate: '2023-01-01' },
    { publicId: 'p-tier-a', tierRank: 0, points: 10, baseDate: '2024-01-01' },
    { publicId: 'p-tie-1', tierRank: 2, baseDate: '2020-01-01' },
    { publicId: 'p-tie-2', tierRank: 2, baseDate: '2020-01-01' },
  ];

  it('orders by tier, then points, then base date, then the lottery', () => {
    const ranked = rankApplicants(claims, { kind: 'sha256', seed: 'round-1' });
    expect(ranked.slice(0, 4).map((r) => r.publicId)).toEqual([
      'p-tier-a',
      'p-points',
      'p-early',
      'p-late',
    ]);
    const ties = ranked.slice(4).map((r) => r.publicId);
    expect(ties).toEqual(lotteryOrder('round-1', ['p-tie-1', 'p-tie-2']));
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ranked[0].lottery).toBe(lotteryNumber('round-1', 'p-tier-a'));
  });

  it('ranks the same whatever the input order, and with RFC 3797 draw positions', () => {
    const source = { kind: 'rfc3797', sources: [9319, [2, 5, 12, 8, 10]] } as const;
    const ranked = rankApplicants(claims, source);
    expect(rankApplicants([...claims].reverse(), source)).toEqual(ranked);
    const draw = drawLottery(
      source,
      claims.map((c) => c.publicId),
    );
    expect(ranked.map((r) => r.lotteryPosition)).toEqual(
      ranked.map((r) => draw.get(r.publicId)!.position),
    );
  });

  it('rejects a malformed base date and a duplicate applicant', () => {
    const source = { kind: 'sha256', seed: 's' } as const;
    expect(() => rankApplicants([{ ...claims[0], baseDate: '2021-3-1' }], source)).toThrow(
      /YYYY-MM-DD/,
    );
    expect(() => rankApplicants([claims[0], claims[0]], source)).toThrow(/ranked once/);
  });
});
