import type { FieldError } from '@gm/shared-errors';
import type { HousingPolicy } from '@gm/housing-contracts';

/**
 * The published policy of the demo district (version `gm-2026.1`). Data, not code: the service
 * takes it as configuration, and every application and round records the version it ran under.
 */
export const DEFAULT_HOUSING_POLICY: HousingPolicy = {
  version: 'gm-2026.1',
  tiers: [
    { code: 'A', points: 300, maxAreaSqm: 150 },
    { code: 'B', points: 200, maxAreaSqm: 90 },
    { code: 'C', points: 100, maxAreaSqm: 65 },
  ],
  bedroomsByHouseholdSize: [
    { householdSize: 1, min: 0, max: 1 },
    { householdSize: 2, min: 1, max: 2 },
    { householdSize: 3, min: 2, max: 3 },
    { householdSize: 4, min: 2, max: 3 },
    { householdSize: 5, min: 3, max: 4 },
    { householdSize: 6, min: 3, max: 4 },
  ],
  points: { perAdditionalMember: 10, memberUnitEmployer: 50 },
  strikes: { limit: 2, windowMonths: 12 },
};

/** A class of interchangeable dwellings: one project, one layout. */
export interface UnitType {
  projectId: string;
  projectCode: string;
  bedrooms: number;
  areaSqm: number;
}

/** `CZ:2BR:65` — project code, bedrooms, area. */
export const classIdOf = (t: Pick<UnitType, 'projectCode' | 'bedrooms' | 'areaSqm'>): string =>
  `${t.projectCode}:${t.bedrooms}BR:${t.areaSqm}`;

export interface Household {
  talentTier: string;
  householdSize: number;
  preferredProjectIds: readonly string[];
  /** Whether the employer is a member unit of the alliance. */
  memberUnitEmployer: boolean;
}

export type EligibilityOutcome =
  | { eligible: true; tierRank: number; points: number; classIds: string[] }
  | { eligible: false; errors: FieldError[] };

/**
 * The hard rules, in order: the tier must be listed; the household must fit some dwelling size;
 * each preferred project must hold a layout with fitting bedrooms (`eligibility.household-size`)
 * within the tier's area standard (`eligibility.area-standard`). Eligible: the ranked classes,
 * projects in the applicant's order and, within one, larger dwellings first.
 */
export function checkEligibility(
  policy: HousingPolicy,
  household: Household,
  typesByProject: ReadonlyMap<string, readonly UnitType[]>,
): EligibilityOutcome {
  const tierRank = policy.tiers.findIndex((t) => t.code === household.talentTier);
  const fit = policy.bedroomsByHouseholdSize.find(
    (b) => b.householdSize === household.householdSize,
  );
  const errors: FieldError[] = [];
  if (tierRank === -1) {
    errors.push({
      path: 'talentTier',
      code: 'eligibility.tier',
      message: `talent tier ${household.talentTier} is not eligible under policy ${policy.version}`,
      limit: policy.tiers.map((t) => t.code),
    });
  }
  if (!fit) {
    errors.push({
      path: 'householdSize',
      code: 'eligibility.household-size',
      message: `no dwelling size is set for a household of ${household.householdSize}`,
      limit: Math.max(...policy.bedroomsByHouseholdSize.map((b) => b.householdSize)),
    });
  }
  if (errors.length > 0) return { eligible: false, errors };
  const tier = policy.tiers[tierRank];
  const classIds: string[] = [];
  household.preferredProjectIds.forEach((projectId, i) => {
    const types = typesByProject.get(projectId);
    const path = `preferredProjectIds.${i}`;
    if (!types) {
      errors.push({
        path,
        code: 'eligibility.unknown-project',
        message: `no project ${projectId}`,
      });
      return;
    }
    const sized = types.filter((t) => t.bedrooms >= fit!.min && t.bedrooms <= fit!.max);
    if (sized.length === 0) {
      errors.push({
        path,
        code: 'eligibility.household-size',
        message: `the project has no dwelling with ${fit!.min}–${fit!.max} bedrooms for a household of ${household.householdSize}`,
        limit: { minBedrooms: fit!.min, maxBedrooms: fit!.max },
      });
      return;
    }
    const within = sized.filter((t) => t.areaSqm <= tier.maxAreaSqm);
    if (within.length === 0) {
      errors.push({
        path,
        code: 'eligibility.area-standard',
        message: `every fitting dwelling of the project exceeds tier ${tier.code}'s area standard`,
        limit: tier.maxAreaSqm,
      });
      return;
    }
    within
      .slice()
      .sort((a, b) => b.areaSqm - a.areaSqm || b.bedrooms - a.bedrooms)
      .forEach((t) => classIds.push(classIdOf(t)));
  });
  if (errors.length > 0) return { eligible: false, errors };
  return { eligible: true, tierRank, points: pointsOf(policy, household), classIds };
}

/** Points under the published formula: the tier's, per additional member, member-unit employer. */
export function pointsOf(policy: HousingPolicy, household: Household): number {
  const tier = policy.tiers.find((t) => t.code === household.talentTier);
  return (
    (tier?.points ?? 0) +
    policy.points.perAdditionalMember * (household.householdSize - 1) +
    (household.memberUnitEmployer ? policy.points.memberUnitEmployer : 0)
  );
}

/**
 * Whether a new strike resets the base date: `previous` strikes (times) plus this one, counted
 * within the policy's window before `now`, reach the limit.
 */
export function strikeResetsBaseDate(
  policy: HousingPolicy,
  previous: readonly Date[],
  now: Date,
): boolean {
  const from = new Date(now);
  from.setUTCMonth(from.getUTCMonth() - policy.strikes.windowMonths);
  const within = previous.filter((at) => at.getTime() > from.getTime()).length + 1;
  return within >= policy.strikes.limit;
}

/**
 * A name as published: the first character, then `*` for the rest (张** for 张一鸣); a Latin name
 * keeps its first letter and gets `***`, whatever its length.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '***';
  const first = chars[0];
  return /\p{Script=Han}/u.test(first)
    ? first + '*'.repeat(Math.max(1, chars.length - 1))
    : `${first.toUpperCase()}***`;
}

/** The calendar day in Asia/Shanghai (UTC+8, no daylight saving) of an instant. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
