import { AppError } from '@gm/shared-errors';
import { compareCodeUnits } from './canonical-json.js';
import { lotteryNumber, lotteryOrder } from './lottery.js';
import { rfc3797Order, type Rfc3797Source } from './rfc3797.js';

/** Where a round's randomness comes from: a revealed seed, or published lottery numbers (RFC 3797). */
export type LotterySource =
  { kind: 'sha256'; seed: string } | { kind: 'rfc3797'; sources: readonly Rfc3797Source[] };

/** What the published priority key reads of one applicant (no personal data). */
export interface PriorityClaim {
  publicId: string;
  /** Position of the applicant's talent tier in the published tier order; 0 ranks first. */
  tierRank: number;
  /** Points under the published formula; more rank first. Absent when no formula is published. */
  points?: number;
  /** The base date (轮候起始日), `YYYY-MM-DD`; earlier ranks first. */
  baseDate: string;
}

export interface RankedApplicant extends PriorityClaim {
  /** 1-based place in the priority order. */
  rank: number;
  /** The published lottery value: the SHA-256 number in hex, or the RFC 3797 draw position. */
  lottery: string;
  /** 0-based place in the lottery order, the key's last component. */
  lotteryPosition: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Each applicant's lottery value and place in the lottery order. */
export function drawLottery(
  source: LotterySource,
  publicIds: readonly string[],
): Map<string, { lottery: string; position: number }> {
  const order =
    source.kind === 'sha256'
      ? lotteryOrder(source.seed, publicIds)
      : rfc3797Order(source.sources, publicIds);
  return new Map(
    order.map((id, position) => [
      id,
      {
        lottery: source.kind === 'sha256' ? lotteryNumber(source.seed, id) : String(position + 1),
        position,
      },
    ]),
  );
}

/**
 * Orders applicants by the published lexicographic key: tier rank, then points (more first), then
 * base date (earlier first), then the lottery. The lottery is a strict order, so the result is too.
 */
export function rankApplicants(
  claims: readonly PriorityClaim[],
  source: LotterySource,
): RankedApplicant[] {
  const seen = new Set<string>();
  claims.forEach((claim, i) => {
    if (seen.has(claim.publicId)) {
      throw AppError.invalid('each applicant is ranked once', [
        {
          path: `claims.${i}.publicId`,
          code: 'priority.duplicate-applicant',
          message: 'duplicate public id',
        },
      ]);
    }
    seen.add(claim.publicId);
    if (!ISO_DATE.test(claim.baseDate)) {
      throw AppError.invalid('a base date is YYYY-MM-DD', [
        { path: `claims.${i}.baseDate`, code: 'priority.bad-base-date', message: 'not YYYY-MM-DD' },
      ]);
    }
  });
  const draw = drawLottery(
    source,
    claims.map((c) => c.publicId),
  );
  return claims
    .map((claim) => {
      const { lottery, position } = draw.get(claim.publicId)!;
      return { claim, lottery, position };
    })
    .sort(
      (a, b) =>
        a.claim.tierRank - b.claim.tierRank ||
        (b.claim.points ?? 0) - (a.claim.points ?? 0) ||
        compareCodeUnits(a.claim.baseDate, b.claim.baseDate) ||
        a.position - b.position,
    )
    .map(({ claim, lottery, position }, i) => ({
      ...claim,
      rank: i + 1,
      lottery,
      lotteryPosition: position,
    }));
}
