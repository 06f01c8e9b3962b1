import type { ColumnType, Insertable, Selectable } from 'kysely';

/** Written by the database's default; readable as a Date. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface DepartmentsTable {
  id: string;
  code: string;
  name: string;
  name_en: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TicketCategoriesTable {
  code: string;
  name: string;
  name_en: string;
  default_department_id: string | null;
  sla_working_days: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The `triage` schema as Kysely sees it. */
export interface TriageDB {
  departments: DepartmentsTable;
  ticket_categories: TicketCategoriesTable;
}

export type DepartmentRow = Selectable<DepartmentsTable>;
export type NewDepartmentRow = Insertable<DepartmentsTable>;
export type NewTicketCategoryRow = Insertable<TicketCategoriesTable>;
