import { z } from 'zod';

/** The mechanisms the allocation engine runs (serial dictatorship is the default). */
export const ALLOCATION_METHOD_NAMES = [
  'serial-dictatorship',
  'yrmh-igyt',
  'deferred-acceptance',
] as const;
export const AllocationMethodSchema = z.enum(ALLOCATION_METHOD_NAMES);
export type AllocationMethodName = z.infer<typeof AllocationMethodSchema>;

/** Bounds that keep one simulation well inside the RPC timeout and the body limit. */
export const SIMULATION_LIMITS = { applicants: 20_000, units: 20_000, listLength: 100 } as const;

const SimulationIdSchema = z.string().min(1).max(64);

export const SimulationApplicantSchema = z.object({
  id: SimulationIdSchema,
  /** Acceptable units (or classes), best first. */
  preferences: z.array(SimulationIdSchema).max(SIMULATION_LIMITS.listLength),
  /** The unit this applicant already rents (YRMH-IGYT). */
  tenantOf: SimulationIdSchema.optional(),
});

export const SimulationUnitSchema = z.object({
  id: SimulationIdSchema,
  capacity: z.number().int().min(0).max(1_000_000).default(1),
  /** Deferred acceptance: the unit's strict order of the applicants it accepts. */
  priority: z.array(SimulationIdSchema).max(SIMULATION_LIMITS.applicants).optional(),
});

/** `POST /api/housing/simulations`: an allocation problem (housing-allocation.md). */
export const SimulationRequestSchema = z.object({
  method: AllocationMethodSchema.default('serial-dictatorship'),
  /** The master priority order, best first; a permutation of the applicants. */
  order: z.array(SimulationIdSchema).max(SIMULATION_LIMITS.applicants).optional(),
  /** Without an order: applicants in the SHA-256 lottery order of this seed (else by id). */
  seed: z.string().min(1).max(256).optional(),
  applicants: z.array(SimulationApplicantSchema).max(SIMULATION_LIMITS.applicants),
  units: z.array(SimulationUnitSchema).max(SIMULATION_LIMITS.units),
});
export type SimulationRequest = z.infer<typeof SimulationRequestSchema>;

/**
 * The mechanism's result in canonical order (assignments by applicant id, unassigned ids sorted)
 * and `digest`, the SHA-256 of the canonical JSON of `{assignments, unassigned}`.
 */
export const SimulationResultSchema = z.object({
  assignments: z.array(z.object({ applicantId: SimulationIdSchema, unitId: SimulationIdSchema })),
  unassigned: z.array(SimulationIdSchema),
  digest: z.string().regex(/^[0-9a-f]{64}$/),
});
export type SimulationResult = z.infer<typeof SimulationResultSchema>;
