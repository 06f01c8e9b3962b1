import { z } from 'zod';

/**
 * One group of a project's priority (deferred acceptance): applicants matching every criterion
 * given. Criteria read only what the application states (employer unit, residence subdistrict,
 * tier), never personal data.
 */
export const PriorityGroupSchema = z.object({
  /** Names the group in explanations, e.g. `subdistrict-resident`. */
  code: z.string().min(1).max(60),
  /** Residents of one of these subdistricts (街道), e.g. `凤凰街道`. */
  subdistricts: z.array(z.string().min(1)).min(1).optional(),
  /** Employees of one of these units (member institutes). */
  employerUnitIds: z.array(z.uuid()).min(1).optional(),
  /** Employees of any member unit of the alliance. */
  memberUnitEmployer: z.literal(true).optional(),
  /** Talents of one of these tiers. */
  tiers: z.array(z.string().min(1)).min(1).optional(),
});
export type PriorityGroup = z.infer<typeof PriorityGroupSchema>;

/**
 * A project's own priority over applicants, for deferred-acceptance rounds: its groups first, in
 * order, then (unless `exclusive`) everyone else; ties by the published priority key.
 */
export const ProjectPrioritySchema = z.object({
  projectCode: z.string().min(1),
  groups: z.array(PriorityGroupSchema).min(1),
  /** Only applicants of some group are eligible for the project's dwellings. */
  exclusive: z.boolean().default(false),
});
export type ProjectPriority = z.infer<typeof ProjectPrioritySchema>;

/**
 * Where an application's base date (轮候起始日) comes from: the day it was submitted (a ticket's
 * submission day when a ticket opened it), or the applicant's declared start of Shenzhen hukou or
 * social insurance (`socialInsuranceSince`), the submission day when none is declared.
 */
export const BASE_DATE_SOURCES = ['submission', 'social-insurance-since'] as const;
export const BaseDateSourceSchema = z.enum(BASE_DATE_SOURCES);
export type BaseDateSource = z.infer<typeof BaseDateSourceSchema>;

/**
 * The published allocation policy (data, never code): tier order and points, which households fit
 * which bedrooms, the area standard per tier, the decline policy. `version` names it in every
 * application and round, so a result can be checked against the rules it ran under.
 */
export const HousingPolicySchema = z.object({
  version: z.string().min(1),
  /** Eligible talent tiers, best first: the first component of the priority key. */
  tiers: z
    .array(
      z.object({
        code: z.string().min(1),
        points: z.number().int().min(0),
        /** The area standard: the largest dwelling this tier may be allocated. */
        maxAreaSqm: z.number().positive(),
      }),
    )
    .min(1),
  /** Bedrooms a household of each size may be allocated; sizes beyond the last are ineligible. */
  bedroomsByHouseholdSize: z
    .array(
      z.object({
        householdSize: z.number().int().min(1),
        min: z.number().int(),
        max: z.number().int(),
      }),
    )
    .min(1),
  points: z.object({
    /** Per household member beyond the first. */
    perAdditionalMember: z.number().int().min(0),
    /** For talents employed by a member unit of the alliance. */
    memberUnitEmployer: z.number().int().min(0),
  }),
  /** Declines (and lapsed offers) within the window up to the limit reset the base date. */
  strikes: z.object({
    limit: z.number().int().min(1),
    windowMonths: z.number().int().min(1),
  }),
  baseDate: z.object({ source: BaseDateSourceSchema }).default({ source: 'submission' }),
  /** Per-project priorities of deferred-acceptance rounds; a project without one uses the key. */
  projectPriorities: z.array(ProjectPrioritySchema).default([]),
});
export type HousingPolicy = z.infer<typeof HousingPolicySchema>;
