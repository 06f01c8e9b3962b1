import { z } from 'zod';
import { PageQuerySchema } from '@gm/shared-contracts';

export const BOOKING_STATUSES = [
  'pending',
  'approved',
  'rejected',
  'cancelled',
  'completed',
] as const;
export const BookingStatusSchema = z.enum(BOOKING_STATUSES);
export type BookingStatus = z.infer<typeof BookingStatusSchema>;

/** An instant with its offset, e.g. `2030-05-06T09:00:00+08:00`; replies use UTC (`Z`). */
export const InstantSchema = z.iso.datetime({ offset: true });

/** A resource named by its UUID or its code (`GM-R-001`). */
const ResourceRefField = z.string().trim().min(1).max(64);

/** Booking one resource for `[start, end)`. */
export const CreateBookingSchema = z
  .object({
    resourceId: ResourceRefField,
    start: InstantSchema,
    end: InstantSchema,
    purpose: z.string().trim().min(1).max(500),
  })
  .refine((b) => Date.parse(b.end) > Date.parse(b.start), {
    message: 'end must be after start',
    path: ['end'],
  });
export type CreateBookingInput = z.infer<typeof CreateBookingSchema>;

export const BookingSchema = z.object({
  id: z.uuid(),
  resourceId: z.uuid(),
  resourceCode: z.string(),
  /** The unit owning the resource (whose manager decides). */
  unitId: z.uuid(),
  requesterId: z.string(),
  /** The requester's own unit; absent for an admin without one. */
  requesterUnitId: z.uuid().nullable(),
  start: InstantSchema,
  end: InstantSchema,
  purpose: z.string(),
  status: BookingStatusSchema,
  /** Why it was rejected or cancelled, when a reason was given. */
  reason: z.string().nullable(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export type Booking = z.infer<typeof BookingSchema>;

export const BOOKING_ACTIONS = [
  'requested',
  'approved',
  'rejected',
  'cancelled',
  'completed',
] as const;

export const BookingHistoryEntrySchema = z.object({
  at: InstantSchema,
  action: z.enum(BOOKING_ACTIONS),
  /** Who acted; null for the system (the completion sweep). */
  actorId: z.string().nullable(),
  fromStatus: BookingStatusSchema.nullable(),
  toStatus: BookingStatusSchema,
  note: z.string().nullable(),
});
export type BookingHistoryEntry = z.infer<typeof BookingHistoryEntrySchema>;

export const BookingWithHistorySchema = BookingSchema.extend({
  history: z.array(BookingHistoryEntrySchema),
});
export type BookingWithHistory = z.infer<typeof BookingWithHistorySchema>;

const optionalFilter = <T extends z.ZodType>(schema: T) =>
  z
    .preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      schema.optional(),
    )
    .optional();

export const BookingQuerySchema = PageQuerySchema.extend({
  resourceId: optionalFilter(z.uuid()),
  status: optionalFilter(BookingStatusSchema),
});
export type BookingQuery = z.infer<typeof BookingQuerySchema>;

export const BookingRefSchema = z.object({ id: z.uuid() });
export type BookingRef = z.infer<typeof BookingRefSchema>;

export const RejectBookingSchema = BookingRefSchema.extend({
  reason: z.string().trim().min(1).max(500),
});
export type RejectBookingInput = z.infer<typeof RejectBookingSchema>;

export const CancelBookingSchema = BookingRefSchema.extend({
  reason: z.string().trim().min(1).max(500).optional(),
});
export type CancelBookingInput = z.infer<typeof CancelBookingSchema>;
