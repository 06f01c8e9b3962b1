import { z } from 'zod';

/**
 * What a ticket of the `housing` category must say: the housing service's application fields,
 * so the housing office can open the application from the ticket alone.
 */
export const HousingTicketDetailsSchema = z.object({
  /** The talent tier of the Shenzhen talent catalogue, e.g. `A`, `B`, `C`. */
  talentTier: z.string().trim().min(1).max(20),
  householdSize: z.number().int().min(1).max(12),
  preferredProjectIds: z.array(z.uuid()).min(1).max(10),
  employerUnitId: z.uuid().optional(),
  note: z.string().max(2_000).optional(),
  /** The name the housing office publishes masked (张**); the application's `applicantName`. */
  applicantName: z.string().trim().min(1).max(60).optional(),
  /** The start of Shenzhen hukou or social insurance (户籍/社保起始日), as the applicant declares it. */
  socialInsuranceSince: z.iso.date().optional(),
});

export const VehiclePermitDetailsSchema = z.object({
  /** The employer of the researchers whose non-local plates need a permit. */
  employerUnitId: z.uuid().optional(),
  /** Why the permit is needed (commuting to the lab, equipment transport...). */
  reason: z.string().trim().min(1).max(2_000),
});

export const LabSpaceDetailsSchema = z.object({
  areaSqm: z.number().positive().max(100_000),
  purpose: z.string().trim().min(1).max(2_000),
  neededFrom: z.iso.date().optional(),
});

export const TalentServiceDetailsSchema = z.object({
  service: z.enum(['residence', 'subsidy', 'certification', 'other']),
  talentTier: z.string().trim().min(1).max(20).optional(),
});

export const SchoolPlaceDetailsSchema = z.object({
  childGrade: z.string().trim().min(1).max(40),
  preferredSchool: z.string().trim().max(200).optional(),
});

/**
 * The `details` schema of each category, by category code: data the intake checks against. A
 * category without an entry takes any object (or none); a category with one requires `details`.
 */
export const TICKET_DETAILS_SCHEMAS: Readonly<Record<string, z.ZodObject>> = {
  housing: HousingTicketDetailsSchema,
  'vehicle-permit': VehiclePermitDetailsSchema,
  'lab-space': LabSpaceDetailsSchema,
  'talent-service': TalentServiceDetailsSchema,
  'school-place': SchoolPlaceDetailsSchema,
};

export type HousingTicketDetails = z.infer<typeof HousingTicketDetailsSchema>;
