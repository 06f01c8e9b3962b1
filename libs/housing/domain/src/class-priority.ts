import type { HousingPolicy, PriorityGroup, ProjectPriority } from '@gm/housing-contracts';
import { compareCodeUnits } from './canonical-json.js';

/** What a project's priority reads of an application (no personal data). */
export interface PriorityAttributes {
  publicId: string;
  talentTier: string;
  employerUnitId: string | null;
  subdistrict: string | null;
}

/**
 * A class's priority as frozen, before any lottery exists: the applicants who list the class, in
 * groups best first (each group's ids in code-unit order). Applicants in no group are not eligible.
 */
export interface ClassPriorityGroups {
  classId: string;
  groups: string[][];
}

/** Whether an applicant meets every criterion the group names. */
export function inPriorityGroup(group: PriorityGroup, a: PriorityAttributes): boolean {
  return (
    (group.subdistricts === undefined ||
      (a.subdistrict !== null && group.subdistricts.includes(a.subdistrict))) &&
    (group.employerUnitIds === undefined ||
      (a.employerUnitId !== null && group.employerUnitIds.includes(a.employerUnitId))) &&
    (group.memberUnitEmployer === undefined || a.employerUnitId !== null) &&
    (group.tiers === undefined || group.tiers.includes(a.talentTier))
  );
}

/**
 * The place of an applicant's group under a project's priority: its first matching group, then
 * everyone else after the groups (`groups.length`), or -1 when the priority is exclusive.
 */
export function priorityGroupOf(priority: ProjectPriority, a: PriorityAttributes): number {
  const group = priority.groups.findIndex((g) => inPriorityGroup(g, a));
  if (group !== -1) return group;
  return priority.exclusive ? -1 : priority.groups.length;
}

/**
 * Evaluates the policy's project priorities at freeze time: for each class, its listers split
 * into the project's groups (a project without a priority: one group of everyone). Input order
 * does not matter; the lottery breaks ties later (strictClassPriority).
 */
export function classPriorityGroups(
  policy: Pick<HousingPolicy, 'projectPriorities'>,
  applicants: readonly (PriorityAttributes & { classIds: readonly string[] })[],
  classIds: readonly string[],
  projectCodeOf: (classId: string) => string,
): ClassPriorityGroups[] {
  const byProject = new Map(policy.projectPriorities.map((p) => [p.projectCode, p]));
  return [...classIds].sort(compareCodeUnits).map((classId) => {
    const priority = byProject.get(projectCodeOf(classId));
    const groups: string[][] = Array.from(
      { length: priority ? priority.groups.length + (priority.exclusive ? 0 : 1) : 1 },
      () => [],
    );
    for (const a of applicants) {
      if (!a.classIds.includes(classId)) continue;
      const group = priority ? priorityGroupOf(priority, a) : 0;
      if (group !== -1) groups[group].push(a.publicId);
    }
    return { classId, groups: groups.map((g) => g.sort(compareCodeUnits)) };
  });
}

/**
 * A class's strict priority once the lottery is drawn: its groups in order, each in the order of
 * the published priority key (`placeOf`: 0 first); ids without a place are left out.
 */
export function strictClassPriority(
  groups: readonly (readonly string[])[],
  placeOf: ReadonlyMap<string, number>,
): string[] {
  return groups.flatMap((group) =>
    group.filter((id) => placeOf.has(id)).sort((x, y) => placeOf.get(x)! - placeOf.get(y)!),
  );
}
