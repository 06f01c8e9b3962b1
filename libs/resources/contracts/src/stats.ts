import { z } from 'zod';
import { InstantSchema } from './booking.js';
import { UnitSchema } from './unit.js';

/** The longest range the utilisation figures cover. */
export const MAX_STATS_DAYS = 366;

/**
 * A cancellation less than this many hours before the booking's start (or after it) is a late
 * one: the slot was held and could hardly be given to anybody else.
 */
export const LATE_CANCELLATION_HOURS = 24;

/** An absent or blank query-string value means "no filter". */
const optionalUuid = z
  .preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.uuid().optional(),
  )
  .optional();

/** `?from&to[&unitId]` of `GET /api/resources/stats`. */
export const StatsQuerySchema = z
  .object({
    from: InstantSchema,
    to: InstantSchema,
    /** Only this owning unit's resources. */
    unitId: optionalUuid,
  })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), {
    message: 'to must be after from',
    path: ['to'],
  })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_STATS_DAYS * 86_400_000, {
    message: `the range covers at most ${MAX_STATS_DAYS} days`,
    path: ['to'],
  });
export type StatsQuery = z.infer<typeof StatsQuerySchema>;

const hours = z.number().min(0);
/** A fraction 0…1 (more than 1 cannot happen for utilisation); null where the base is zero. */
const ratio = z.number().min(0).nullable();

/** Utilisation figures of one resource, or summed over a unit's resources, or over all. */
export const UtilisationFiguresSchema = z.object({
  /** Opening hours (Asia/Shanghai) in the range minus maintenance windows. */
  availableHours: hours,
  /** Approved and completed bookings, clipped to the range. */
  bookedHours: hours,
  /** Bookings still awaiting the owning unit's decision, clipped to the range. */
  pendingHours: hours,
  /** Cancelled less than `lateCancellationHours` before their start (or after it). */
  cancelledLate: z.object({ count: z.number().int().min(0), hours }),
  /** bookedHours / availableHours; null when nothing was available. */
  utilisation: ratio,
  /** Every request in the range, whatever became of it (pending, approved, done, rejected, cancelled). */
  requestedHours: hours,
  /** Requested by people outside the owning unit (other units, or none), and their share. */
  outsideDemand: z.object({ hours, share: ratio }),
});
export type UtilisationFigures = z.infer<typeof UtilisationFiguresSchema>;

export const ResourceUtilisationSchema = UtilisationFiguresSchema.extend({
  resourceId: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  unitId: z.uuid(),
});
export type ResourceUtilisation = z.infer<typeof ResourceUtilisationSchema>;

export const UnitUtilisationSchema = UtilisationFiguresSchema.extend({
  unit: UnitSchema,
  /** How many of the unit's resources the figures sum. */
  resources: z.number().int().min(0),
});
export type UnitUtilisation = z.infer<typeof UnitUtilisationSchema>;

/**
 * How much the caller sees: `all` (admin) every resource; `unit` (a resource manager) its own
 * unit's resources one by one; `aggregate` (anyone else signed in) per-unit sums only. Every
 * caller gets the per-unit sums; no figure names a requester.
 */
export const STATS_DETAIL = ['all', 'unit', 'aggregate'] as const;

export const UtilisationStatsSchema = z.object({
  from: InstantSchema,
  to: InstantSchema,
  lateCancellationHours: z.number().int().positive(),
  detail: z.enum(STATS_DETAIL),
  /** Per resource, in code order: the resources the caller may see one by one. */
  resources: z.array(ResourceUtilisationSchema),
  /** Per owning unit, in code order, summed over its resources. */
  units: z.array(UnitUtilisationSchema),
  /** Summed over every resource the figures cover. */
  total: UtilisationFiguresSchema,
});
export type UtilisationStats = z.infer<typeof UtilisationStatsSchema>;
