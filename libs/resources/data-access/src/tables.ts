import type { ColumnType, Insertable, Selectable } from 'kysely';
import type {
  BookingStatus,
  OpeningHours,
  ResourceCategory,
  ResourceStatus,
} from '@gm/resources-contracts';

/** Written by the database's default; readable as a Date. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface UnitsTable {
  id: string;
  code: string;
  name: string;
  name_en: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ResourcesTable {
  id: string;
  code: string;
  unit_id: string;
  name: string;
  name_en: string;
  /** Held to the contract's enums by check constraints. */
  category: ResourceCategory;
  status: ColumnType<ResourceStatus, ResourceStatus | undefined, ResourceStatus>;
  location: string;
  description: string;
  description_en: string;
  requires_approval: boolean;
  min_minutes: number;
  max_minutes: number;
  slot_minutes: number;
  buffer_before_minutes: number;
  buffer_after_minutes: number;
  lead_time_hours: number;
  max_advance_days: number;
  /** jsonb: written as JSON text (pg would send a JS array as a PostgreSQL array). */
  opening_hours: ColumnType<OpeningHours[], string, string>;
  required_qualification: string | null;
  monthly_cap_hours_per_unit: number | null;
  external_share_percent: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BookingsTable {
  id: string;
  resource_id: string;
  requester_id: string;
  requester_unit_id: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  purpose: string;
  status: BookingStatus;
  reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BookingHistoryTable {
  id: ColumnType<number, never, never>;
  booking_id: string;
  at: Timestamp;
  action: 'requested' | 'approved' | 'rejected' | 'cancelled' | 'completed';
  actor_id: string | null;
  from_status: BookingStatus | null;
  to_status: BookingStatus;
  note: string | null;
}

export interface MaintenanceWindowsTable {
  id: string;
  resource_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  reason: string;
  created_by: string;
  created_at: Timestamp;
}

/** A claim on a resource's time; the exclusion constraint keeps `blocked` spans apart. */
export interface CalendarBlocksTable {
  id: string;
  resource_id: string;
  kind: 'booking' | 'maintenance' | 'hold';
  booking_id: string | null;
  maintenance_id: string | null;
  hold_id: ColumnType<string | null, string | null | undefined, string | null>;
  starts_at: Timestamp;
  ends_at: Timestamp;
  /** tstzrange: written with `tstzrange(...)` in SQL, read as PostgreSQL range text. */
  blocked: string;
}

/** A unit's grant of a qualification to a user (of any institute), until `expires_at`. */
export interface QualificationsTable {
  id: string;
  unit_id: string;
  name: string;
  user_id: string;
  expires_at: Timestamp;
  granted_by: string;
  revoked_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type WaitlistStatus = 'waiting' | 'offered' | 'booked' | 'expired' | 'cancelled';

export interface WaitlistEntriesTable {
  id: string;
  resource_id: string;
  user_id: string;
  user_unit_id: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  status: WaitlistStatus;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type HoldStatus = 'active' | 'converted' | 'expired';

/** A freed slot kept for one waiting researcher until `expires_at`. */
export interface HoldsTable {
  id: string;
  waitlist_entry_id: string;
  resource_id: string;
  user_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  expires_at: Timestamp;
  status: HoldStatus;
  booking_id: string | null;
  created_at: Timestamp;
}

/** One edit of a catalogue entry: each changed field with its value before and after. */
export interface ResourceChangesTable {
  id: ColumnType<number, never, never>;
  resource_id: string;
  at: Timestamp;
  actor_id: string;
  /** jsonb: written as JSON text. */
  changes: ColumnType<Record<string, { from: unknown; to: unknown }>, string, string>;
}

/** The `resources` schema as Kysely sees it. */
export interface ResourcesDB {
  units: UnitsTable;
  resources: ResourcesTable;
  bookings: BookingsTable;
  booking_history: BookingHistoryTable;
  maintenance_windows: MaintenanceWindowsTable;
  calendar_blocks: CalendarBlocksTable;
  qualifications: QualificationsTable;
  waitlist_entries: WaitlistEntriesTable;
  holds: HoldsTable;
  resource_changes: ResourceChangesTable;
}

export type UnitRow = Selectable<UnitsTable>;
export type NewUnitRow = Insertable<UnitsTable>;
export type ResourceRow = Selectable<ResourcesTable>;
export type NewResourceRow = Insertable<ResourcesTable>;
export type BookingRow = Selectable<BookingsTable>;
export type NewBookingRow = Insertable<BookingsTable>;
export type BookingHistoryRow = Selectable<BookingHistoryTable>;
export type MaintenanceWindowRow = Selectable<MaintenanceWindowsTable>;
export type QualificationRow = Selectable<QualificationsTable>;
export type WaitlistEntryRow = Selectable<WaitlistEntriesTable>;
export type HoldRow = Selectable<HoldsTable>;
export type ResourceChangeRow = Selectable<ResourceChangesTable>;
