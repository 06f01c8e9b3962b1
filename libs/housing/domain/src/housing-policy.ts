import type { FieldError } from '@gm/shared-errors';
import type { HousingPolicy } from '@gm/housing-contracts';

/**
 * The published policy of the demo district (version `gm-2026.2`). Data, not code: the service
 * takes it as configuration, and every application and round records the version it ran under.
 */
export const DEFAULT_HOUSING_POLICY: HousingPolicy = {
  version: 'gm-2026.2',
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
  baseDate: { source: 'submission' },
  // Deferred-acceptance rounds only: 长圳 and 玉塘 rank residents of their subdistrict first, the
  // central young-talent apartments researchers of member units.
  projectPriorities: [
    {
      projectCode: 'CZ',
      groups: [
        { code: 'subdistrict-resident', subdistricts: ['凤凰街道'] },
        { code: 'member-unit-researcher', memberUnitEmployer: true },
      ],
      exclusive: false,
    },
    {
      projectCode: 'YT',
      groups: [{ code: 'subdistrict-resident', subdistricts: ['玉塘街道'] }],
      exclusive: false,
    },
    {
      projectCode: 'GMC',
      groups: [{ code: 'member-unit-researcher', memberUnitEmployer: true }],
      exclusive: false,
    },
  ],
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
  /** The ranked unit types; when given, they are the list (`preferredProjectIds` is not read). */
  preferences?: readonly { projectId: string; bedrooms?: number | undefined }[] | undefined;
  /** Whether the employer is a member unit of the alliance. */
  memberUnitEmployer: boolean;
}

export type EligibilityOutcome =
  | { eligible: true; tierRank: number; points: number; classIds: string[] }
  | { eligible: false; errors: FieldError[] };

/** What expanding a ranked list reads of a household. */
export type RankedList = Pick<
  Household,
  'talentTier' | 'householdSize' | 'preferredProjectIds' | 'preferences'
>;

/** Layouts by project, each class once (several dwellings share a layout). */
export function typesByProjectOf(layouts: readonly UnitType[]): Map<string, UnitType[]> {
  const byProject = new Map<string, UnitType[]>();
  const seen = new Set<string>();
  for (const layout of layouts) {
    const id = classIdOf(layout);
    if (seen.has(id)) continue;
    seen.add(id);
    if (!byProject.has(layout.projectId)) byProject.set(layout.projectId, []);
    byProject.get(layout.projectId)!.push(layout);
  }
  return byProject;
}

/**
 * The hard rules, in order: the tier must be listed; the household must fit some dwelling size;
 * then per entry of the ranked list (a project, or a project's dwellings with some number of
 * bedrooms): the project must hold such dwellings (`eligibility.unit-type`) with fitting bedrooms
 * (`eligibility.household-size`) within the tier's area standard (`eligibility.area-standard`).
 * Every failing entry is named. Eligible: the ranked classes (rankedClassIds).
 */
export function checkEligibility(
  policy: HousingPolicy,
  household: Household,
  typesByProject: ReadonlyMap<string, readonly UnitType[]>,
): EligibilityOutcome {
  const { classIds, errors } = rankedClassIds(policy, household, typesByProject);
  if (errors.length > 0) return { eligible: false, errors };
  const tierRank = policy.tiers.findIndex((t) => t.code === household.talentTier);
  return { eligible: true, tierRank, points: pointsOf(policy, household), classIds };
}

/**
 * A round's ranked classes for an application: its ranked list expanded exactly as at submission,
 * against the layouts of the dwellings the round freezes (typesByProjectOf), so layouts added or
 * edited since reach it and layouts gone leave it. An entry that reaches none of them adds nothing
 * (its dwellings may simply all be taken); a tier or household size the policy does not cover
 * reaches none.
 */
export function classIdsAtFreeze(
  policy: HousingPolicy,
  household: RankedList,
  frozenTypesByProject: ReadonlyMap<string, readonly UnitType[]>,
): string[] {
  return rankedClassIds(policy, household, frozenTypesByProject).classIds;
}

/**
 * A ranked list expanded into classes under the policy's rules (see checkEligibility): entries in
 * the applicant's order and, within one, larger dwellings first (area, then bedrooms); a class
 * reached twice keeps its first place. `errors` names the tier or household size the policy does
 * not cover (then no class is reached) and every entry that reaches no class, by its rule.
 */
export function rankedClassIds(
  policy: HousingPolicy,
  household: RankedList,
  typesByProject: ReadonlyMap<string, readonly UnitType[]>,
): { classIds: string[]; errors: FieldError[] } {
  const tier = policy.tiers.find((t) => t.code === household.talentTier);
  const fit = policy.bedroomsByHouseholdSize.find(
    (b) => b.householdSize === household.householdSize,
  );
  const errors: FieldError[] = [];
  if (!tier) {
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
  if (!tier || !fit) return { classIds: [], errors };
  const entries = household.preferences
    ? household.preferences.map((p, i) => ({ ...p, path: `preferences.${i}` }))
    : household.preferredProjectIds.map((projectId, i) => ({
        projectId,
        bedrooms: undefined,
        path: `preferredProjectIds.${i}`,
      }));
  const classIds: string[] = [];
  for (const { projectId, bedrooms, path } of entries) {
    const types = typesByProject.get(projectId);
    if (!types) {
      errors.push({
        path,
        code: 'eligibility.unknown-project',
        message: `no project ${projectId}`,
      });
      continue;
    }
    const layouts = bedrooms === undefined ? types : types.filter((t) => t.bedrooms === bedrooms);
    if (layouts.length === 0) {
      errors.push({
        path,
        code: 'eligibility.unit-type',
        message: `the project has no dwellings with ${bedrooms} bedrooms`,
        limit: [...new Set(types.map((t) => t.bedrooms))].sort((a, b) => a - b),
      });
      continue;
    }
    const sized = layouts.filter((t) => t.bedrooms >= fit.min && t.bedrooms <= fit.max);
    if (sized.length === 0) {
      errors.push({
        path,
        code: 'eligibility.household-size',
        message:
          bedrooms === undefined
            ? `the project has no dwelling with ${fit.min}–${fit.max} bedrooms for a household of ${household.householdSize}`
            : `a household of ${household.householdSize} may have ${fit.min}–${fit.max} bedrooms, not ${bedrooms}`,
        limit: { minBedrooms: fit.min, maxBedrooms: fit.max },
      });
      continue;
    }
    const within = sized.filter((t) => t.areaSqm <= tier.maxAreaSqm);
    if (within.length === 0) {
      errors.push({
        path,
        code: 'eligibility.area-standard',
        message: `every fitting dwelling ${bedrooms === undefined ? 'of the project' : 'of this type'} exceeds tier ${tier.code}'s area standard`,
        limit: tier.maxAreaSqm,
      });
      continue;
    }
    within
      .slice()
      .sort((a, b) => b.areaSqm - a.areaSqm || b.bedrooms - a.bedrooms)
      .map(classIdOf)
      .filter((id) => !classIds.includes(id))
      .forEach((id) => classIds.push(id));
  }
  return { classIds, errors };
}

/**
 * The base date (轮候起始日) under the policy: the submission day (Asia/Shanghai), or under
 * `social-insurance-since` the declared hukou or social-insurance start when there is one.
 */
export function baseDateOf(
  policy: Pick<HousingPolicy, 'baseDate'>,
  submittedAt: Date,
  socialInsuranceSince?: string | null,
): string {
  return policy.baseDate.source === 'social-insurance-since' && socialInsuranceSince
    ? socialInsuranceSince
    : shanghaiDay(submittedAt);
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
