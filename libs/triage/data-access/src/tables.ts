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

type Generated<T> = ColumnType<T, T | undefined, T>;
/** jsonb: written as JSON text, read parsed. */
type Json = ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;

export interface TicketsTable {
  id: string;
  number: string;
  title: string;
  description: string;
  category: string;
  details: Json;
  requester_id: string;
  status: string;
  department_id: string | null;
  assisting_department_ids: Generated<string[]>;
  due_at: Date | null;
  overdue: Generated<boolean>;
  escalated: Generated<boolean>;
  redo_count: Generated<number>;
  resolution: string | null;
  resolution_basis: string | null;
  satisfaction: string | null;
  merged_into_id: string | null;
  /** Sign-for and first contact are due by then; set at each dispatch. */
  response_due_at: Generated<Date | null>;
  /** The first contact since the last dispatch. */
  contacted_at: Generated<Date | null>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TicketItemsTable {
  id: string;
  ticket_id: string;
  position: number;
  beneficiary_name: string;
  reference: string | null;
  status: Generated<string>;
  /** The reply of the last decision. */
  resolution: string | null;
  resolved_at: Date | null;
  outcome: Generated<string | null>;
  basis: Generated<string | null>;
  resolved_by: Generated<string | null>;
}

export interface TicketItemDecisionsTable {
  seq: Generated<number>;
  item_id: string;
  ticket_id: string;
  outcome: string;
  reply: string;
  basis: string | null;
  actor_id: string;
  at: Date;
}

/** jsonb holding an array: written as JSON text, read parsed. */
type JsonArray = ColumnType<unknown[], string, string>;

export interface DuplicateSuggestionsTable {
  /** The newer ticket, whose intake found the pair. */
  ticket_id: string;
  candidate_id: string;
  score: number;
  reasons: JsonArray;
  status: Generated<'open' | 'dismissed' | 'merged' | 'lapsed'>;
  suggested_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution_note: string | null;
}

export interface TicketHistoryTable {
  seq: Generated<number>;
  ticket_id: string;
  transition: string;
  actor_id: string;
  at: Timestamp;
  from_status: string | null;
  to_status: string;
  department_id: string | null;
  note: Json;
}

export interface TicketLinksTable {
  ticket_id: string;
  kind: string;
  ref_id: string;
  created_at: Timestamp;
}

export interface TriageSessionsTable {
  id: string;
  title: string;
  held_at: Date;
  department_ids: string[];
  convener_id: string;
  created_at: Timestamp;
}

export interface SessionAgendaTable {
  session_id: string;
  ticket_id: string;
  position: number;
  outcome: string | null;
  note: string | null;
  recorded_at: Date | null;
}

export interface ExtensionRequestsTable {
  id: string;
  ticket_id: string;
  requester_id: string;
  department_id: string;
  working_days: number;
  reason: string;
  due_at_before: Date | null;
  requested_at: Date;
  status: string;
  reviewer_id: string | null;
  review_note: string | null;
  reviewed_at: Date | null;
  due_at_after: Date | null;
}

export interface SupervisionActionsTable {
  id: Generated<number>;
  ticket_id: string;
  kind: 'remind' | 'overdue' | 'escalate' | 'contact-remind';
  due_at: Date;
  deadline: Date;
  done_at: Date | null;
  outcome: string | null;
}

/** The `triage` schema as Kysely sees it. */
export interface TriageDB {
  departments: DepartmentsTable;
  ticket_categories: TicketCategoriesTable;
  tickets: TicketsTable;
  ticket_items: TicketItemsTable;
  ticket_item_decisions: TicketItemDecisionsTable;
  duplicate_suggestions: DuplicateSuggestionsTable;
  ticket_history: TicketHistoryTable;
  ticket_links: TicketLinksTable;
  triage_sessions: TriageSessionsTable;
  session_agenda: SessionAgendaTable;
  supervision_actions: SupervisionActionsTable;
  extension_requests: ExtensionRequestsTable;
}

export type TicketRow = Selectable<TicketsTable>;
export type NewTicketRow = Insertable<TicketsTable>;
export type TicketItemRow = Selectable<TicketItemsTable>;
export type TicketItemDecisionRow = Selectable<TicketItemDecisionsTable>;
export type DuplicateSuggestionRow = Selectable<DuplicateSuggestionsTable>;
export type TicketHistoryRow = Selectable<TicketHistoryTable>;
export type TicketLinkRow = Selectable<TicketLinksTable>;
export type TriageSessionRow = Selectable<TriageSessionsTable>;
export type SessionAgendaRow = Selectable<SessionAgendaTable>;
export type ExtensionRequestRow = Selectable<ExtensionRequestsTable>;

export type DepartmentRow = Selectable<DepartmentsTable>;
export type NewDepartmentRow = Insertable<DepartmentsTable>;
export type NewTicketCategoryRow = Insertable<TicketCategoriesTable>;
