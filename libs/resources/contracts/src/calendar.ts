import { z } from 'zod';
import { InstantSchema } from './booking.js';
import { ResourceCategorySchema } from './resource.js';

/** The longest span the availability and free-search queries look at. */
export const MAX_QUERY_DAYS = 92;

const spanChecks = <T extends { from: string; to: string }>(s: T) =>
  Date.parse(s.to) > Date.parse(s.from);
const spanLimit = <T extends { from: string; to: string }>(s: T) =>
  Date.parse(s.to) - Date.parse(s.from) <= MAX_QUERY_DAYS * 86_400_000;

const MaintenanceFields = z.object({
  start: InstantSchema,
  end: InstantSchema,
  reason: z.string().trim().min(1).max(500),
});
const endAfterStart = (m: { start: string; end: string }) =>
  Date.parse(m.end) > Date.parse(m.start);
const endAfterStartError = { message: 'end must be after start', path: ['end'] };

/** The body of `POST /api/resources/:id/maintenance`. */
export const MaintenanceRequestSchema = MaintenanceFields.refine(endAfterStart, endAfterStartError);

export const ScheduleMaintenanceSchema = MaintenanceFields.extend({
  resourceId: z.string().trim().min(1).max(64),
}).refine(endAfterStart, endAfterStartError);
export type ScheduleMaintenanceInput = z.infer<typeof ScheduleMaintenanceSchema>;

export const MaintenanceWindowSchema = z.object({
  id: z.uuid(),
  resourceId: z.uuid(),
  start: InstantSchema,
  end: InstantSchema,
  reason: z.string(),
  createdAt: InstantSchema,
});
export type MaintenanceWindow = z.infer<typeof MaintenanceWindowSchema>;

export const BUSY_KINDS = ['booking', 'maintenance'] as const;

/** A busy span of a resource: no personal data, so it is public. */
export const BusySpanSchema = z.object({
  start: InstantSchema,
  end: InstantSchema,
  kind: z.enum(BUSY_KINDS),
});
export type BusySpan = z.infer<typeof BusySpanSchema>;

/** `?from&to` of `GET /api/resources/:id/availability`. */
export const TimeRangeSchema = z.object({ from: InstantSchema, to: InstantSchema });

export const AvailabilityQuerySchema = TimeRangeSchema.extend({
  id: z.string().trim().min(1).max(64),
})
  .refine(spanChecks, { message: 'to must be after from', path: ['to'] })
  .refine(spanLimit, { message: `at most ${MAX_QUERY_DAYS} days`, path: ['to'] });
export type AvailabilityQuery = z.infer<typeof AvailabilityQuerySchema>;

export const AvailabilitySchema = z.object({
  resourceId: z.uuid(),
  from: InstantSchema,
  to: InstantSchema,
  busy: z.array(BusySpanSchema),
});
export type Availability = z.infer<typeof AvailabilitySchema>;

/** Which resources have `minutes` free in one piece between `from` and `to`. */
export const FreeSearchSchema = z
  .object({
    from: InstantSchema,
    to: InstantSchema,
    minutes: z.coerce
      .number()
      .int()
      .positive()
      .max(MAX_QUERY_DAYS * 1440),
    category: z
      .preprocess((v) => (v === '' ? undefined : v), ResourceCategorySchema.optional())
      .optional(),
    unitId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid().optional()).optional(),
  })
  .refine(spanChecks, { message: 'to must be after from', path: ['to'] })
  .refine(spanLimit, { message: `at most ${MAX_QUERY_DAYS} days`, path: ['to'] });
export type FreeSearch = z.infer<typeof FreeSearchSchema>;

export const FreeResourceSchema = z.object({
  resourceId: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  category: ResourceCategorySchema,
  unitId: z.uuid(),
  /** The free stretches at least `minutes` long, clipped to `from`..`to`. */
  free: z.array(z.object({ start: InstantSchema, end: InstantSchema })),
});
export type FreeResource = z.infer<typeof FreeResourceSchema>;

/** `GET /api/resources/:id/calendar.ics`: the resource's busy times as RFC 5545 text. */
export const CalendarFeedQuerySchema = z.object({ id: z.string().trim().min(1).max(64) });
export type CalendarFeedQuery = z.infer<typeof CalendarFeedQuerySchema>;

export const CalendarFeedSchema = z.object({
  resourceId: z.uuid(),
  /** A file name for downloads, e.g. `GM-R-001.ics`. */
  fileName: z.string(),
  /** The VCALENDAR text, CRLF line endings, lines folded at 75 octets. */
  ics: z.string(),
});
export type CalendarFeed = z.infer<typeof CalendarFeedSchema>;
