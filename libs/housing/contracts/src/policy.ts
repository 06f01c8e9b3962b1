import { z } from 'zod';

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
});
export type HousingPolicy = z.infer<typeof HousingPolicySchema>;
