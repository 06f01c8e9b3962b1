import { sql, type Transaction } from 'kysely';
import type { ApplicationStatus } from '@gm/housing-contracts';
import type { Executor } from '@gm/shared-db';
import type {
  ApplicationHistoryRow,
  ApplicationRow,
  HousingDB,
  NewApplicationRow,
} from './tables.js';

export async function insertApplication(
  trx: Transaction<HousingDB>,
  row: NewApplicationRow,
): Promise<ApplicationRow> {
  return trx.insertInto('applications').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findApplication(
  db: Executor<HousingDB>,
  id: string,
): Promise<ApplicationRow | undefined> {
  return db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockApplication(
  trx: Transaction<HousingDB>,
  id: string,
): Promise<ApplicationRow | undefined> {
  return trx
    .selectFrom('applications')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function findApplications(
  db: Executor<HousingDB>,
  ids: readonly string[],
): Promise<ApplicationRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('applications').selectAll().where('id', 'in', ids).execute();
}

/** The application a 问诊会 ticket opened or links (ticket_id is unique), if any. */
export function findApplicationOfTicket(
  db: Executor<HousingDB>,
  ticketId: string,
): Promise<ApplicationRow | undefined> {
  return db
    .selectFrom('applications')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .executeTakeFirst();
}

/** The talent's application that is still in play (active or offered), if any. */
export function findLiveApplicationOf(
  db: Executor<HousingDB>,
  applicantId: string,
): Promise<ApplicationRow | undefined> {
  return db
    .selectFrom('applications')
    .selectAll()
    .where('applicant_id', '=', applicantId)
    .where('status', 'in', ['active', 'offered'])
    .executeTakeFirst();
}

export interface ApplicationFilter {
  /** Only this applicant's (a talent's own); absent: everyone's (a housing officer). */
  applicantId?: string | undefined;
  status?: ApplicationStatus | undefined;
  limit: number;
  offset: number;
}

export async function listApplications(
  db: Executor<HousingDB>,
  filter: ApplicationFilter,
): Promise<{ rows: ApplicationRow[]; total: number }> {
  let query = db.selectFrom('applications');
  if (filter.applicantId) query = query.where('applicant_id', '=', filter.applicantId);
  if (filter.status) query = query.where('status', '=', filter.status);
  const [rows, { total }] = await Promise.all([
    query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total };
}

/** Active applications, locked for the round that freezes them. */
export function lockActiveApplications(trx: Transaction<HousingDB>): Promise<ApplicationRow[]> {
  return trx
    .selectFrom('applications')
    .selectAll()
    .where('status', '=', 'active')
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function updateApplication(
  trx: Transaction<HousingDB>,
  id: string,
  changes: { status?: ApplicationStatus; base_date?: string; ticket_id?: string },
): Promise<ApplicationRow> {
  return trx
    .updateTable('applications')
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function addApplicationHistory(
  trx: Transaction<HousingDB>,
  entry: {
    application_id: string;
    action: string;
    from_status: ApplicationStatus | null;
    to_status: ApplicationStatus;
    actor_id: string;
    note?: string | null;
  },
): Promise<void> {
  await trx
    .insertInto('application_history')
    .values({ ...entry, note: entry.note ?? null })
    .execute();
}

export function listApplicationHistory(
  db: Executor<HousingDB>,
  applicationId: string,
): Promise<ApplicationHistoryRow[]> {
  return db
    .selectFrom('application_history')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
}
