import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { HousingUnitStatus } from '@gm/housing-contracts';

/** Written by the database's default; readable as a Date. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ProjectsTable {
  id: string;
  code: string;
  name: string;
  name_en: string;
  address: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BuildingsTable {
  id: string;
  project_id: string;
  /** Unique within its project, e.g. `1` for 1栋. */
  code: string;
  name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UnitsTable {
  id: string;
  building_id: string;
  /** Unique within its building, e.g. `1203`. */
  number: string;
  floor: number;
  bedrooms: number;
  /** numeric(7,2); read as a number. */
  area_sqm: number;
  /** numeric(10,2), yuan per month; read as a number. */
  monthly_rent: number;
  /** Held to the contract's statuses by a check constraint. */
  status: ColumnType<HousingUnitStatus, HousingUnitStatus | undefined, HousingUnitStatus>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The `housing` schema as Kysely sees it. */
export interface HousingDB {
  projects: ProjectsTable;
  buildings: BuildingsTable;
  units: UnitsTable;
}

export type ProjectRow = Selectable<ProjectsTable>;
export type NewProjectRow = Insertable<ProjectsTable>;
export type NewBuildingRow = Insertable<BuildingsTable>;
export type NewUnitRow = Insertable<UnitsTable>;
