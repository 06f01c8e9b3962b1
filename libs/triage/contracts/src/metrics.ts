import { z } from 'zod';
import { SatisfactionSchema } from './ticket.js';

/** What the metrics count per department and month, from the ticket history. */
export const METRIC_COUNTS = [
  /** Dispatches received: `assigned` and `redispatched` to the department. */
  'dispatched',
  /** Sign-fors (签收), and those within the response deadline. */
  'signedFor',
  'signedForOnTime',
  /** First contacts (首次联系) after a sign-for, and those within the response deadline. */
  'contacted',
  'contactedOnTime',
  /**
   * Sign-fors whose sign-for and first contact both came within the response deadline (counted
   * in the sign-for's month); a resolution before any contact counts as the contact.
   */
  'respondedOnTime',
  /** Returns (退单). */
  'returned',
  /** Resolutions (办结), and those by the ticket's deadline. */
  'resolved',
  'resolvedOnTime',
  /** The requester's confirmations (回访), those saying solved, and those rated. */
  'confirmed',
  'solved',
  'rated',
  /** The ratings weighted by the configured satisfaction weights. */
  'satisfactionPoints',
  /** Redos (重办) the requester asked for. */
  'redone',
  /** Overdue flags (超期). */
  'overdue',
] as const;
export const MetricCountSchema = z.enum(METRIC_COUNTS);
export type MetricCount = z.infer<typeof MetricCountSchema>;

export const METRIC_RATES = [
  'response',
  'resolution',
  'satisfaction',
  'return',
  'redo',
  'onTime',
] as const;
export const MetricRateSchema = z.enum(METRIC_RATES);
export type MetricRate = z.infer<typeof MetricRateSchema>;

/** A rate is the sum of some counts over the sum of others (null when that is 0). */
export const RateFormulaSchema = z.object({
  numerator: z.array(MetricCountSchema).min(1),
  denominator: z.array(MetricCountSchema).min(1),
});
export type RateFormula = z.infer<typeof RateFormulaSchema>;

/** The formulas and weights the figures were computed with: configuration, not code. */
export const MetricsConfigSchema = z.object({
  satisfactionWeights: z.record(SatisfactionSchema, z.number().min(0).max(1)),
  rates: z.record(MetricRateSchema, RateFormulaSchema),
});
export type MetricsConfig = z.infer<typeof MetricsConfigSchema>;

const IsoDateSchema = z.iso.date();

export const MetricsQuerySchema = z
  .object({
    /** First Shanghai day counted (default: the first day of the month 11 months back). */
    from: IsoDateSchema.optional(),
    /** Last Shanghai day counted (default: today). */
    to: IsoDateSchema.optional(),
    /** Conveners may narrow to one department; officers always see their own. */
    departmentId: z.uuid().optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ['to'],
    message: 'to must not be before from',
  });
export type MetricsQuery = z.infer<typeof MetricsQuerySchema>;

export const MetricCountsSchema = z.record(MetricCountSchema, z.number().min(0));
export const MetricRatesSchema = z.record(MetricRateSchema, z.number().min(0).nullable());

export const DepartmentMetricsSchema = z.object({
  departmentId: z.uuid(),
  departmentCode: z.string().nullable(),
  departmentName: z.string().nullable(),
  /** `YYYY-MM` in Asia/Shanghai; null for the whole period. */
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .nullable(),
  counts: MetricCountsSchema,
  rates: MetricRatesSchema,
  overdueCount: z.number().int().min(0),
});
export type DepartmentMetrics = z.infer<typeof DepartmentMetricsSchema>;

export const TicketMetricsSchema = z.object({
  from: IsoDateSchema,
  to: IsoDateSchema,
  /** Per department and month. */
  items: z.array(DepartmentMetricsSchema),
  /** Per department over the whole period. */
  totals: z.array(DepartmentMetricsSchema),
  config: MetricsConfigSchema,
});
export type TicketMetrics = z.infer<typeof TicketMetricsSchema>;
