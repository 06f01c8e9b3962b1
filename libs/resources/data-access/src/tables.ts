import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { OpeningHours, ResourceCategory, ResourceStatus } from '@gm/resources-contracts';

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

/** The `resources` schema as Kysely sees it. */
export interface ResourcesDB {
  units: UnitsTable;
  resources: ResourcesTable;
}

export type UnitRow = Selectable<UnitsTable>;
export type NewUnitRow = Insertable<UnitsTable>;
export type ResourceRow = Selectable<ResourcesTable>;
export type NewResourceRow = Insertable<ResourcesTable>;
