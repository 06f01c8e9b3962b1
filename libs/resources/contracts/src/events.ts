import { z } from 'zod';
import { event } from '@gm/shared-contracts';
import { BookingStatusSchema, InstantSchema } from './booking.js';
import { ResourceSchema } from './resource.js';

/**
 * What every booking event carries, so a consumer (notifications, the portal, statistics) needs
 * no call back: the booking, its resource and both units. Not public: it names the requester.
 */
export const BookingEventDataSchema = z.object({
  bookingId: z.uuid(),
  resourceId: z.uuid(),
  resourceCode: z.string(),
  resourceName: z.string(),
  resourceNameEn: z.string(),
  /** The unit owning the resource. */
  unitId: z.uuid(),
  requesterId: z.string(),
  requesterUnitId: z.uuid().nullable(),
  start: InstantSchema,
  end: InstantSchema,
  status: BookingStatusSchema,
  /** Who caused this change; null for the system. */
  actorId: z.string().nullable(),
  /** The rejection or cancellation reason, where one was given. */
  reason: z.string().nullable(),
});
export type BookingEventData = z.infer<typeof BookingEventDataSchema>;

/** Live on the portal for the requester and the owning unit's resource managers. */
const bookingAudience = {
  audience: (d: BookingEventData) => [
    { userId: d.requesterId },
    { unitId: d.unitId, role: 'resource-manager' as const },
  ],
};

export const BookingRequested = event(
  'resources.evt.booking.requested.v1',
  BookingEventDataSchema,
  bookingAudience,
);
export const BookingApproved = event(
  'resources.evt.booking.approved.v1',
  BookingEventDataSchema,
  bookingAudience,
);
export const BookingRejected = event(
  'resources.evt.booking.rejected.v1',
  BookingEventDataSchema,
  bookingAudience,
);
export const BookingCancelled = event(
  'resources.evt.booking.cancelled.v1',
  BookingEventDataSchema,
  bookingAudience,
);
export const BookingCompleted = event(
  'resources.evt.booking.completed.v1',
  BookingEventDataSchema,
  bookingAudience,
);

/** A maintenance window blocks a resource's calendar: public, it names no person. */
export const MaintenanceScheduled = event(
  'resources.evt.maintenance.scheduled.v1',
  z.object({
    maintenanceId: z.uuid(),
    resourceId: z.uuid(),
    resourceCode: z.string(),
    resourceName: z.string(),
    resourceNameEn: z.string(),
    unitId: z.uuid(),
    start: InstantSchema,
    end: InstantSchema,
    reason: z.string(),
  }),
  { public: true },
);

/**
 * The first waiting researcher holds a freed slot exclusively until `expiresAt`; booking it in
 * time takes the hold over. Not public: it names the holder, and only the holder sees it live.
 */
export const HoldOffered = event(
  'resources.evt.hold.offered.v1',
  z.object({
    holdId: z.uuid(),
    waitlistEntryId: z.uuid(),
    resourceId: z.uuid(),
    resourceCode: z.string(),
    resourceName: z.string(),
    resourceNameEn: z.string(),
    unitId: z.uuid(),
    userId: z.string(),
    start: InstantSchema,
    end: InstantSchema,
    expiresAt: InstantSchema,
  }),
  { audience: (d) => [{ userId: d.userId }] },
);

/**
 * A catalogue entry or its booking policy changed: the whole entry as it is now, and which
 * top-level fields changed (`policy` for any policy field). Public: catalogue data names nobody.
 */
export const ResourceUpdated = event(
  'resources.evt.resource.updated.v1',
  z.object({
    resource: ResourceSchema,
    changed: z.array(z.string()),
  }),
  { public: true },
);
