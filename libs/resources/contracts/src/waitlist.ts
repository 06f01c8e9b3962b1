import { z } from 'zod';
import { InstantSchema } from './booking.js';

/** The body of `POST /api/resources/:id/waitlist`: the taken slot the researcher waits for. */
export const WaitlistRequestSchema = z
  .object({ start: InstantSchema, end: InstantSchema })
  .refine((w) => Date.parse(w.end) > Date.parse(w.start), {
    message: 'end must be after start',
    path: ['end'],
  });

export const JoinWaitlistSchema = z
  .object({
    resourceId: z.string().trim().min(1).max(64),
    start: InstantSchema,
    end: InstantSchema,
  })
  .refine((w) => Date.parse(w.end) > Date.parse(w.start), {
    message: 'end must be after start',
    path: ['end'],
  });
export type JoinWaitlistInput = z.infer<typeof JoinWaitlistSchema>;

export const WAITLIST_STATUSES = ['waiting', 'offered', 'booked', 'expired', 'cancelled'] as const;

/**
 * A researcher's place in a resource's waitlist. `offered` comes with a `hold`: the slot is kept
 * for them alone until `hold.expiresAt`; booking it (`POST /api/bookings`) takes the hold over.
 */
export const WaitlistEntrySchema = z.object({
  id: z.uuid(),
  resourceId: z.uuid(),
  resourceCode: z.string(),
  userId: z.string(),
  start: InstantSchema,
  end: InstantSchema,
  status: z.enum(WAITLIST_STATUSES),
  hold: z
    .object({
      id: z.uuid(),
      expiresAt: InstantSchema,
      status: z.enum(['active', 'converted', 'expired']),
    })
    .nullable(),
  createdAt: InstantSchema,
});
export type WaitlistEntry = z.infer<typeof WaitlistEntrySchema>;

/** `GET /api/waitlist`: the caller's own entries, optionally of one resource. */
export const WaitlistQuerySchema = z.object({
  resourceId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid().optional()).optional(),
});
export type WaitlistQuery = z.infer<typeof WaitlistQuerySchema>;
