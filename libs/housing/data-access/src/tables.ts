import type { ColumnType, Insertable, Selectable } from 'kysely';
import type {
  AllocationMethodName,
  ApplicationStatus,
  HousingUnitStatus,
  OfferStatus,
  Preference,
  ReviewRequestStatus,
  SimulationRequest,
  UnavailableReason,
} from '@gm/housing-contracts';

/** Written by the database's default; readable as a Date. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ProjectsTable {
  id: string;
  code: string;
  name: string;
  name_en: string;
  address: string;
  /** Set when a housing officer retires the project: it leaves the catalogue, its rows stay. */
  retired_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
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
  /** Why an officer made the unit unavailable; null otherwise (and for seeded rows). */
  unavailable_reason: ColumnType<
    UnavailableReason | null,
    UnavailableReason | null | undefined,
    UnavailableReason | null
  >;
  /** Set when a housing officer retires the unit: it leaves the catalogue, its row stays. */
  retired_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
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
  /** The ranked list of unit types (projects alone for applications ranking projects only). */
  preferences: Json<Preference[]>;
  /**
   * Eligible classes, best first, as the policy expanded the ranked list against the layouts of
   * submission day: the record of that check. Rounds expand `preferences` afresh when they freeze.
   */
  class_ids: Json<string[]>;
  /** An existing tenant's unit (YRMH-IGYT), verified against its tenancy when applying. */
  current_unit_id: ColumnType<string | null, string | null | undefined, string | null>;
  subdistrict: ColumnType<string | null, string | null | undefined, string | null>;
  /** `YYYY-MM-DD`: the declared hukou / social-insurance start. */
  social_insurance_since: ColumnType<string | null, string | null | undefined, string | null>;
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
  /** Absent in rounds frozen before the mechanism was chosen per round (serial dictatorship). */
  method?: AllocationMethodName;
  applicants: {
    publicId: string;
    tierRank: number;
    points: number;
    baseDate: string;
    /** The ranked list expanded against the layouts of `units` when the round froze. */
    classIds: string[];
    /** YRMH-IGYT: the dwelling the applicant rents, one of `units`. */
    tenantOf?: string;
  }[];
  units: { unitId: string; classId: string; sortKey: string }[];
  /** Deferred acceptance: each class's priority groups, best first. */
  classPriorities?: { classId: string; groups: string[][] }[];
}

export interface RoundsTable {
  id: string;
  method: AllocationMethodName;
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

/** Who changed what of the stock and when (a project row when `unit_id` is null). */
export interface StockChangesTable {
  id: Generated<number>;
  project_id: string;
  unit_id: string | null;
  /** `project-created`, `project-updated`, `project-retired`, `added`, `updated`, `status-changed`, `retired`. */
  action: string;
  /** Each changed field with its value before and after (the new row's fields for `added`). */
  changes: Json<Record<string, unknown>>;
  reason: string | null;
  note: string | null;
  actor_id: string;
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
  stock_changes: StockChangesTable;
}

export type ProjectRow = Selectable<ProjectsTable>;
export type NewProjectRow = Insertable<ProjectsTable>;
export type NewBuildingRow = Insertable<BuildingsTable>;
export type NewUnitRow = Insertable<UnitsTable>;
export type UnitRow = Selectable<UnitsTable>;
export type StockChangeRow = Selectable<StockChangesTable>;
export type NewStockChangeRow = Insertable<StockChangesTable>;
export type ApplicationRow = Selectable<ApplicationsTable>;
export type NewApplicationRow = Insertable<ApplicationsTable>;
export type ApplicationHistoryRow = Selectable<ApplicationHistoryTable>;
export type RoundRow = Selectable<RoundsTable>;
export type RoundEntryRow = Selectable<RoundEntriesTable>;
export type OfferRow = Selectable<OffersTable>;
export type ReviewRequestRow = Selectable<ReviewRequestsTable>;
export type NewReviewRequestRow = Insertable<ReviewRequestsTable>;
