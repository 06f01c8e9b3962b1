import { z } from 'zod';
import { pageOf, rpc } from '@gm/shared-contracts';
import { ResourcesOverviewSchema } from './overview.js';
import { ResourceQuerySchema, ResourceRefSchema, ResourceSchema } from './resource.js';
import { RESOURCES_SUBJECTS } from './subjects.js';
import { UnitSchema } from './unit.js';
import { UpdateResourceSchema } from './resource-update.js';
import { StatsQuerySchema, UtilisationStatsSchema } from './stats.js';
import {
  GrantQualificationSchema,
  ListQualificationsSchema,
  QualificationSchema,
  RevokeQualificationSchema,
} from './qualification.js';
import { JoinWaitlistSchema, WaitlistEntrySchema, WaitlistQuerySchema } from './waitlist.js';
import {
  BookingQuerySchema,
  BookingRefSchema,
  BookingSchema,
  BookingWithHistorySchema,
  CancelBookingSchema,
  CreateBookingSchema,
  RejectBookingSchema,
} from './booking.js';
import {
  AvailabilityQuerySchema,
  AvailabilitySchema,
  CalendarFeedQuerySchema,
  CalendarFeedSchema,
  FreeResourceSchema,
  FreeSearchSchema,
  MaintenanceWindowSchema,
  ScheduleMaintenanceSchema,
} from './calendar.js';

export const ListUnits = rpc(
  RESOURCES_SUBJECTS.listUnits,
  z.object({}),
  z.object({ items: z.array(UnitSchema) }),
);

export const ListResources = rpc(
  RESOURCES_SUBJECTS.listResources,
  ResourceQuerySchema,
  pageOf(ResourceSchema),
);

/** Unknown id or code: an AppError `not-found`. */
export const GetResource = rpc(RESOURCES_SUBJECTS.getResource, ResourceRefSchema, ResourceSchema);

export const GetResourcesOverview = rpc(
  RESOURCES_SUBJECTS.overview,
  z.object({}),
  ResourcesOverviewSchema,
);

export const CreateBooking = rpc(
  RESOURCES_SUBJECTS.createBooking,
  CreateBookingSchema,
  BookingSchema,
);
export const ListBookings = rpc(
  RESOURCES_SUBJECTS.listBookings,
  BookingQuerySchema,
  pageOf(BookingSchema),
);
export const GetBooking = rpc(
  RESOURCES_SUBJECTS.getBooking,
  BookingRefSchema,
  BookingWithHistorySchema,
);
export const ApproveBooking = rpc(
  RESOURCES_SUBJECTS.approveBooking,
  BookingRefSchema,
  BookingSchema,
);
export const RejectBooking = rpc(
  RESOURCES_SUBJECTS.rejectBooking,
  RejectBookingSchema,
  BookingSchema,
);
export const CancelBooking = rpc(
  RESOURCES_SUBJECTS.cancelBooking,
  CancelBookingSchema,
  BookingSchema,
);
export const ScheduleMaintenance = rpc(
  RESOURCES_SUBJECTS.scheduleMaintenance,
  ScheduleMaintenanceSchema,
  MaintenanceWindowSchema,
);
export const GetAvailability = rpc(
  RESOURCES_SUBJECTS.availability,
  AvailabilityQuerySchema,
  AvailabilitySchema,
);
export const FindFreeResources = rpc(
  RESOURCES_SUBJECTS.findFree,
  FreeSearchSchema,
  z.object({ items: z.array(FreeResourceSchema) }),
);

/** The owning unit's manager grants (or renews) the resource's required qualification. */
export const GrantQualification = rpc(
  RESOURCES_SUBJECTS.grantQualification,
  GrantQualificationSchema,
  QualificationSchema,
);

export const RevokeQualification = rpc(
  RESOURCES_SUBJECTS.revokeQualification,
  RevokeQualificationSchema,
  QualificationSchema,
);

/** The live grants of the resource's required qualification (its unit's manager). */
export const ListQualifications = rpc(
  RESOURCES_SUBJECTS.listQualifications,
  ListQualificationsSchema,
  z.object({ qualification: z.string().nullable(), items: z.array(QualificationSchema) }),
);

export const JoinWaitlist = rpc(
  RESOURCES_SUBJECTS.joinWaitlist,
  JoinWaitlistSchema,
  WaitlistEntrySchema,
);

export const ListWaitlist = rpc(
  RESOURCES_SUBJECTS.listWaitlist,
  WaitlistQuerySchema,
  z.object({ items: z.array(WaitlistEntrySchema) }),
);

/** Public: busy blocks only, named "Busy" or "Maintenance", never a person. */
export const GetCalendarFeed = rpc(
  RESOURCES_SUBJECTS.calendarFeed,
  CalendarFeedQuerySchema,
  CalendarFeedSchema,
);

/** The owning unit's resource manager (or an admin) edits the catalogue entry and its policy. */
export const UpdateResource = rpc(
  RESOURCES_SUBJECTS.updateResource,
  UpdateResourceSchema,
  ResourceSchema,
);

/** Utilisation per resource and unit over a range; how much detail depends on the caller. */
export const GetUtilisationStats = rpc(
  RESOURCES_SUBJECTS.utilisationStats,
  StatsQuerySchema,
  UtilisationStatsSchema,
);
