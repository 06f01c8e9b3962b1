import type { Transaction } from 'kysely';
import type { Executor } from '@gm/shared-db';
import type { SessionAgendaRow, TriageDB, TriageSessionRow } from './tables.js';

export async function insertSession(
  trx: Executor<TriageDB>,
  row: Omit<TriageSessionRow, 'created_at'>,
): Promise<void> {
  await trx.insertInto('triage_sessions').values(row).execute();
}

export function findSession(
  db: Executor<TriageDB>,
  id: string,
): Promise<TriageSessionRow | undefined> {
  return db.selectFrom('triage_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listAgenda(db: Executor<TriageDB>, sessionId: string): Promise<SessionAgendaRow[]> {
  return db
    .selectFrom('session_agenda')
    .selectAll()
    .where('session_id', '=', sessionId)
    .orderBy('position')
    .execute();
}

/** Appends the tickets not on the agenda yet, after the last item, in the order given. */
export async function appendToAgenda(
  trx: Transaction<TriageDB>,
  sessionId: string,
  ticketIds: readonly string[],
): Promise<void> {
  const existing = await listAgenda(trx, sessionId);
  const onAgenda = new Set(existing.map((a) => a.ticket_id));
  let position = existing.reduce((max, a) => Math.max(max, a.position), 0);
  const rows = [...new Set(ticketIds)]
    .filter((id) => !onAgenda.has(id))
    .map((ticketId) => ({
      session_id: sessionId,
      ticket_id: ticketId,
      position: ++position,
      outcome: null,
      note: null,
      recorded_at: null,
    }));
  if (rows.length > 0) await trx.insertInto('session_agenda').values(rows).execute();
}

/** Inserts the session unless one with its id exists; true when this call inserted it. */
export async function insertSessionIfAbsent(
  trx: Transaction<TriageDB>,
  row: Omit<TriageSessionRow, 'created_at'>,
): Promise<boolean> {
  const inserted = await trx
    .insertInto('triage_sessions')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Records what a session decided on one agenda item (assigned, answered on the spot, deferred). */
export async function recordAgendaOutcome(
  trx: Transaction<TriageDB>,
  item: { sessionId: string; ticketId: string; outcome: string; note: string | null; at: Date },
): Promise<boolean> {
  const updated = await trx
    .updateTable('session_agenda')
    .set({ outcome: item.outcome, note: item.note, recorded_at: item.at })
    .where('session_id', '=', item.sessionId)
    .where('ticket_id', '=', item.ticketId)
    .returning('ticket_id')
    .executeTakeFirst();
  return updated !== undefined;
}

/** The agenda with each item's ticket, in agenda order (for the minutes). */
export function listAgendaWithTickets(db: Executor<TriageDB>, sessionId: string) {
  return db
    .selectFrom('session_agenda as a')
    .innerJoin('tickets as t', 't.id', 'a.ticket_id')
    .select([
      'a.position',
      'a.ticket_id',
      'a.outcome',
      'a.note',
      'a.recorded_at',
      't.number',
      't.title',
      't.status',
      't.department_id',
    ])
    .where('a.session_id', '=', sessionId)
    .orderBy('a.position')
    .execute();
}
