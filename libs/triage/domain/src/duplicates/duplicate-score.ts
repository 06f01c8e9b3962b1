import type { DuplicateReason } from '@gm/triage-contracts';

/** What the scorer reads of a ticket: its words, who raised it, whom it is for, what it names. */
export interface DuplicateSubject {
  requesterId: string;
  title: string;
  description: string;
  details: Record<string, unknown> | null;
  items: readonly { beneficiaryName: string; reference?: string | null }[];
}

/** How much each signal weighs; the total is capped at 1. */
export interface DuplicateWeights {
  /**
   * The text similarity (0..1) counts from `textFloor` (what two tickets of one category share
   * by their vocabulary alone) and in full from `textCeiling` (a rewording of the same problem).
   */
  text: number;
  textFloor: number;
  textCeiling: number;
  sameRequester: number;
  /**
   * Times the share of the smaller ticket's beneficiaries the other one also names; one shared
   * beneficiary counts half (a common name may coincide), two or more in full.
   */
  sharedBeneficiaries: number;
  /** Per `details` value both tickets give alike (an address, a plate, the same projects). */
  sameDetail: number;
  /** The most the `details` values add together. */
  sameDetailCap: number;
}

export const DEFAULT_DUPLICATE_WEIGHTS: DuplicateWeights = {
  text: 0.75,
  textFloor: 0.2,
  textCeiling: 0.7,
  sameRequester: 0.1,
  sharedBeneficiaries: 0.6,
  sameDetail: 0.2,
  sameDetailCap: 0.3,
};

/** A score at or above which a pair is suggested to the convener (TRIAGE_DUPLICATE_THRESHOLD). */
export const DEFAULT_DUPLICATE_THRESHOLD = 0.6;

export interface DuplicateScore {
  /** 0..1, rounded to 3 decimals. */
  score: number;
  /** The signals that matched, strongest first. */
  reasons: DuplicateReason[];
}

/**
 * Text as compared: NFKC (full-width forms fold to ASCII), lower case, letters and digits of any
 * script only, so punctuation, spaces and 全角/半角 differences do not count.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The character bigrams of normalised text. Chinese has no spaces between words, so character
 * n-grams compare it where word tokens cannot; a one-character text is its own gram.
 */
export function characterBigrams(text: string): Set<string> {
  const chars = [...normaliseText(text)];
  if (chars.length === 1) return new Set(chars);
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return grams;
}

/** Sørensen–Dice of two sets: 2|A∩B| / (|A|+|B|); 0 when both are empty. */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size + b.size === 0) return 0;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** Similarity of the titles and of the whole texts, averaged: a short title weighs as much as a long body. */
export function textSimilarity(a: DuplicateSubject, b: DuplicateSubject): number {
  const title = dice(characterBigrams(a.title), characterBigrams(b.title));
  const whole = dice(
    characterBigrams(`${a.title}${a.description}`),
    characterBigrams(`${b.title}${b.description}`),
  );
  return (title + whole) / 2;
}

/** A beneficiary as compared: by its reference (a plate, an ID number) when it has one, else its name. */
function beneficiaryKey(item: { beneficiaryName: string; reference?: string | null }): string {
  const reference = item.reference ? normaliseText(item.reference) : '';
  return reference ? `ref:${reference}` : `name:${normaliseText(item.beneficiaryName)}`;
}

/** The beneficiaries both name, as the first ticket spells them. */
export function sharedBeneficiaries(a: DuplicateSubject, b: DuplicateSubject): string[] {
  const other = new Set(b.items.map(beneficiaryKey));
  const seen = new Set<string>();
  const shared: string[] = [];
  for (const item of a.items) {
    const key = beneficiaryKey(item);
    if (other.has(key) && !seen.has(key)) {
      seen.add(key);
      shared.push(item.reference ?? item.beneficiaryName);
    }
  }
  return shared;
}

/**
 * A details value worth comparing: free text of 4+ letters or digits (an address, a plate, a
 * school), or a list (the same projects). Numbers, flags and short codes match by chance.
 */
function comparableValue(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const text = normaliseText(value);
    return [...text].length >= 4 ? text : undefined;
  }
  if (Array.isArray(value) && value.length > 0) {
    return JSON.stringify(value.map((v) => (typeof v === 'string' ? normaliseText(v) : v)).sort());
  }
  return undefined;
}

/** The `details` keys whose values both tickets give alike. */
export function sameDetailKeys(a: DuplicateSubject, b: DuplicateSubject): string[] {
  if (!a.details || !b.details) return [];
  return Object.keys(a.details)
    .filter((key) => {
      const mine = comparableValue(a.details![key]);
      return mine !== undefined && mine === comparableValue(b.details![key]);
    })
    .sort();
}

const round = (n: number, places = 3) => Math.round(n * 10 ** places) / 10 ** places;

/**
 * How likely `b` is the same problem as `a` (并单 candidates), from text similarity plus the
 * signals a convener would check: the same requester, the same beneficiaries, the same details.
 * Pure and symmetric in its score; the reasons say what matched.
 */
export function scoreDuplicate(
  a: DuplicateSubject,
  b: DuplicateSubject,
  weights: DuplicateWeights = DEFAULT_DUPLICATE_WEIGHTS,
): DuplicateScore {
  const reasons: DuplicateReason[] = [];
  const text = textSimilarity(a, b);
  const { textFloor, textCeiling } = weights;
  const textShare = Math.min(1, Math.max(0, (text - textFloor) / (textCeiling - textFloor)));
  let score = weights.text * textShare;
  if (textShare > 0) reasons.push({ kind: 'similar-text', similarity: round(text, 2) });

  if (a.requesterId === b.requesterId) {
    score += weights.sameRequester;
    reasons.push({ kind: 'same-requester' });
  }

  const beneficiaries = sharedBeneficiaries(a, b);
  if (beneficiaries.length > 0) {
    const smaller = Math.min(a.items.length, b.items.length);
    const share = Math.min(1, beneficiaries.length / smaller);
    score += weights.sharedBeneficiaries * share * Math.min(1, beneficiaries.length / 2);
    reasons.push({
      kind: 'shared-beneficiaries',
      count: beneficiaries.length,
      examples: beneficiaries.slice(0, 3),
    });
  }

  const keys = sameDetailKeys(a, b);
  if (keys.length > 0) {
    score += Math.min(weights.sameDetailCap, weights.sameDetail * keys.length);
    reasons.push({ kind: 'same-details', keys });
  }

  return { score: round(Math.min(1, score)), reasons };
}
