import type { ColumnType, Insertable, Selectable } from 'kysely';
import type {
  ApplicationStatus,
  HousingUnitStatus,
  OfferStatus,
  ReviewRequestStatus,
  SimulationRequest,
} from '@gm/housing-contracts';

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

/** jsonb: written as JSON text, read parsed. */
type Json<T> = ColumnType<T, string, string>;
type Generated<T> = ColumnType<T, T | undefined, T>;

export interface ApplicationsTable {
  id: string;
  applicant_id: string;
  /** Personal data: shown masked in public results, never in events or logs. */
  applicant_name: string;
  id_number: string | null;
  phone: string | null;
  talent_tier: string;
  tier_rank: number;
  employer_unit_id: string | null;
  household_size: number;
  preferred_project_ids: Json<string[]>;
  /** Eligible classes, best first, as the policy expanded the preferred projects. */
  class_ids: Json<string[]>;
  points: number;
  /** `YYYY-MM-DD`. */
  base_date: string;
  policy_version: string;
  status: ApplicationStatus;
  ticket_id: string | null;
  note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ApplicationHistoryTable {
  id: Generated<number>;
  application_id: string;
  action: string;
  from_status: ApplicationStatus | null;
  to_status: ApplicationStatus;
  actor_id: string;
  note: string | null;
  at: Timestamp;
}

/** The frozen input of a round, as stored (see FrozenRound in the domain). */
export interface FrozenRoundJson {
  policyVersion: string;
  applicants: {
    publicId: string;
    tierRank: number;
    points: number;
    baseDate: string;
    classIds: string[];
  }[];
  units: { unitId: string; classId: string; sortKey: string }[];
}

export interface RoundsTable {
  id: string;
  method: 'serial-dictatorship' | 'yrmh-igyt' | 'deferred-acceptance';
  policy_version: string;
  project_ids: Json<string[]>;
  seed_commitment: string;
  seed: string;
  frozen: Json<FrozenRoundJson>;
  input_digest: string;
  result_digest: string;
  proof: Json<SimulationRequest>;
  created_by: string;
  published_at: Timestamp;
}

export interface RoundEntriesTable {
  round_id: string;
  application_id: string;
  rank: number;
  lottery: string;
  masked_name: string;
  talent_tier: string;
  points: number;
  base_date: string;
  explanation: Json<unknown>;
}

export interface OffersTable {
  id: string;
  round_id: string;
  application_id: string;
  applicant_id: string;
  unit_id: string;
  class_id: string;
  status: OfferStatus;
  expires_at: Date;
  decided_at: Date | null;
  /** When the tenancy an accepted offer began ended (the unit was vacated). */
  ended_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Timestamp;
}

export interface ReviewRequestsTable {
  id: string;
  application_id: string;
  applicant_id: string;
  reason: string;
  status: ReviewRequestStatus;
  decision_note: ColumnType<string | null, string | null | undefined, string | null>;
  decided_by: ColumnType<string | null, string | null | undefined, string | null>;
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Timestamp;
}

export interface StrikesTable {
  id: string;
  applicant_id: string;
  offer_id: string;
  reason: string;
  at: Timestamp;
}

/** The `housing` schema as Kysely sees it. */
export interface HousingDB {
  projects: ProjectsTable;
  buildings: BuildingsTable;
  units: UnitsTable;
  applications: ApplicationsTable;
  application_history: ApplicationHistoryTable;
  rounds: RoundsTable;
  round_entries: RoundEntriesTable;
  offers: OffersTable;
  strikes: StrikesTable;
  review_requests: ReviewRequestsTable;
}

export type ProjectRow = Selectable<ProjectsTable>;
export type NewProjectRow = Insertable<ProjectsTable>;
export type NewBuildingRow = Insertable<BuildingsTable>;
export type NewUnitRow = Insertable<UnitsTable>;
export type ApplicationRow = Selectable<ApplicationsTable>;
export type NewApplicationRow = Insertable<ApplicationsTable>;
export type ApplicationHistoryRow = Selectable<ApplicationHistoryTable>;
export type RoundRow = Selectable<RoundsTable>;
export type RoundEntryRow = Selectable<RoundEntriesTable>;
export type OfferRow = Selectable<OffersTable>;
export type ReviewRequestRow = Selectable<ReviewRequestsTable>;
export type NewReviewRequestRow = Insertable<ReviewRequestsTable>;
