import { compareCodeUnits, sha256Hex } from './canonical-json.js';

/**
 * The round's lottery number of one applicant: `SHA-256(seed ‖ "|" ‖ publicId)` as 64 lower-case
 * hex digits. Equal-length hex compares like the big-endian integer it spells, so string order
 * is number order; one number per applicant per round, whatever the input order.
 */
export function lotteryNumber(seed: string, publicId: string): string {
  return sha256Hex(`${seed}|${publicId}`);
}

/** The applicants in lottery order: the smallest number draws first. */
export function lotteryOrder(seed: string, publicIds: readonly string[]): string[] {
  return publicIds
    .map((id) => ({ id, number: lotteryNumber(seed, id) }))
    .sort((a, b) => compareCodeUnits(a.number, b.number) || compareCodeUnits(a.id, b.id))
    .map((entry) => entry.id);
}
