import { z } from 'zod';
import { AllocationMethodSchema, SimulationRequestSchema } from './simulation.js';
import { CalendarDaySchema, InstantSchema } from './application.js';

/**
 * open: waiting for the applicant until `expiresAt`; accepted: the unit is let; declined, expired:
 * the unit went back to the round; superseded: a re-run gave the applicant a better unit.
 */
export const OFFER_STATUSES = ['open', 'accepted', 'declined', 'expired', 'superseded'] as const;
export const OfferStatusSchema = z.enum(OFFER_STATUSES);
export type OfferStatus = z.infer<typeof OfferStatusSchema>;

/** `POST /api/housing/rounds`: the projects whose available units and applicants are frozen. */
export const CreateRoundSchema = z.object({
  projectIds: z
    .array(z.uuid())
    .min(1)
    .max(20)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'a project is listed once' }),
  /** The revealed seed; without one the service draws 256 random bits and publishes them. */
  seed: z.string().trim().min(1).max(256).optional(),
  /**
   * The mechanism: serial dictatorship (default); YRMH-IGYT, where existing tenants bring their
   * unit into the round; deferred acceptance, under each project's published priority.
   */
  method: AllocationMethodSchema.optional(),
});
export type CreateRoundInput = z.infer<typeof CreateRoundSchema>;

export const OfferSchema = z.object({
  id: z.uuid(),
  roundId: z.uuid(),
  applicationId: z.uuid(),
  applicantId: z.string(),
  unitId: z.uuid(),
  projectId: z.uuid(),
  /** `CZ-1-501`: project code, building, number. */
  unitCode: z.string(),
  /** The unit class (project × bedrooms × area) the engine allocated. */
  classId: z.string(),
  status: OfferStatusSchema,
  expiresAt: InstantSchema,
  decidedAt: InstantSchema.nullable(),
  createdAt: InstantSchema,
});
export type Offer = z.infer<typeof OfferSchema>;

export const OfferRefSchema = z.object({ id: z.uuid() });

export const RoundCreatedSchema = z.object({
  id: z.uuid(),
  seed: z.string(),
  method: AllocationMethodSchema,
  inputDigest: z.string(),
  resultDigest: z.string(),
  offers: z.array(OfferSchema),
});
export type RoundCreated = z.infer<typeof RoundCreatedSchema>;

export const RoundRefSchema = z.object({ id: z.uuid() });

/** One applicant of a published round: no personal data, the name masked. */
export const PublishedEntrySchema = z.object({
  rank: z.number().int().min(1),
  /** The application's public id, the input of its lottery number. */
  publicId: z.string(),
  maskedName: z.string(),
  talentTier: z.string(),
  points: z.number().int(),
  baseDate: CalendarDaySchema,
  /** SHA-256(seed ‖ "|" ‖ publicId), hex. */
  lottery: z.string(),
  /** The unit currently offered to or accepted by this applicant. */
  unitCode: z.string().nullable(),
  offerStatus: OfferStatusSchema.nullable(),
});

/** `GET /api/housing/rounds/:id`: what anyone may check and replay. */
export const PublishedRoundSchema = z.object({
  id: z.uuid(),
  method: AllocationMethodSchema,
  policyVersion: z.string(),
  projectIds: z.array(z.uuid()),
  /** SHA-256 of the seed, fixed before the lottery was drawn. */
  seedCommitment: z.string(),
  seed: z.string(),
  inputDigest: z.string(),
  /** The digest of the first run's result (`{assignments, unassigned}` by class). */
  resultDigest: z.string(),
  publishedAt: InstantSchema,
  ranking: z.array(PublishedEntrySchema),
  /** Per class, the highest rank that received a unit of it (null: nobody did). */
  lastRankServed: z.array(
    z.object({
      classId: z.string(),
      dwellings: z.number().int(),
      lastRank: z.number().int().nullable(),
    }),
  ),
  /**
   * Deferred acceptance only: per class, the place in the class's own priority (the proof's
   * `units[].priority`) of the last applicant admitted (null: nobody was).
   */
  cutoffs: z
    .array(
      z.object({
        classId: z.string(),
        dwellings: z.number().int(),
        admitted: z.number().int(),
        cutoff: z.number().int().nullable(),
      }),
    )
    .optional(),
  /**
   * The proof bundle: the frozen problem as `POST /api/housing/simulations` takes it; replaying it
   * gives `resultDigest`.
   */
  proof: SimulationRequestSchema,
});
export type PublishedRound = z.infer<typeof PublishedRoundSchema>;

const ChoiceSchema = z.object({
  classId: z.string(),
  choice: z.number().int(),
  outcome: z.enum(['received', 'ran-out', 'ineligible', 'no-dwellings', 'not-needed']),
  /** Serial dictatorship: the rank that took the class's last dwelling. */
  ranOutAtRank: z.number().int().optional(),
  /** Deferred acceptance: the applicant's place in the class's priority (absent: not eligible). */
  priorityPosition: z.number().int().optional(),
  /** Deferred acceptance: the place of the last applicant admitted when the class filled up. */
  cutoff: z.number().int().nullable().optional(),
});

/** `GET /api/housing/applications/:id/explanation`: why this rank and this outcome. */
export const ApplicationExplanationSchema = z.object({
  applicationId: z.uuid(),
  roundId: z.uuid(),
  method: AllocationMethodSchema,
  rank: z.number().int(),
  applicants: z.number().int(),
  talentTier: z.string(),
  points: z.number().int(),
  baseDate: CalendarDaySchema,
  lottery: z.string(),
  classId: z.string().nullable(),
  choice: z.number().int().nullable(),
  choices: z.array(ChoiceSchema),
  counterfactual: z
    .object({ classId: z.string(), choice: z.number().int(), atRankAtMost: z.number().int() })
    .optional(),
  /**
   * YRMH-IGYT: the applicant kept its own unit, took a vacant dwelling, or traded in a cycle
   * (its members by rank, each with the class it received).
   */
  trade: z
    .object({
      kind: z.enum(['kept-own-unit', 'vacant', 'cycle']),
      cycle: z.array(z.object({ rank: z.number().int(), classId: z.string() })).optional(),
    })
    .optional(),
  /** One sentence a person can read. */
  summary: z.string(),
});
export type ApplicationExplanation = z.infer<typeof ApplicationExplanationSchema>;
