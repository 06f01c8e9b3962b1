import { type Transaction } from 'kysely';
import type { Executor } from '@gm/shared-db';
import type { SupervisionActionsTable, TriageDB } from './tables.js';
import type { Selectable } from 'kysely';

export type SupervisionActionRow = Selectable<SupervisionActionsTable>;

/** Statuses in which a deadline runs (a department holds the ticket, or the convener reviews it). */
const SUPERVISED_STATUSES = ['assigned', 'in-progress', 'returned'];

/** Open tickets with a deadline whose supervision ladder is not written yet. */
export function findTicketsToPlan(
  db: Executor<TriageDB>,
  limit: number,
): Promise<{ id: string; due_at: Date }[]> {
  return db
    .selectFrom('tickets as t')
    .select(['t.id', 't.due_at'])
    .where('t.status', 'in', SUPERVISED_STATUSES)
    .where('t.due_at', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('supervision_actions as sa')
            .select('sa.id')
            .whereRef('sa.ticket_id', '=', 't.id')
            .whereRef('sa.deadline', '=', 't.due_at'),
        ),
      ),
    )
    .orderBy('t.due_at')
    .limit(limit)
    .execute() as Promise<{ id: string; due_at: Date }[]>;
}

/**
 * Tickets waiting for a department's response (dispatched, not contacted since) whose response
 * deadline has no contact reminder yet.
 */
export function findTicketsToPlanContactReminder(
  db: Executor<TriageDB>,
  limit: number,
): Promise<{ id: string; response_due_at: Date }[]> {
  return db
    .selectFrom('tickets as t')
    .select(['t.id', 't.response_due_at'])
    .where('t.status', 'in', ['assigned', 'in-progress'])
    .where('t.response_due_at', 'is not', null)
    .where('t.contacted_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('supervision_actions as sa')
            .select('sa.id')
            .whereRef('sa.ticket_id', '=', 't.id')
            .where('sa.kind', '=', 'contact-remind')
            .whereRef('sa.deadline', '=', 't.response_due_at'),
        ),
      ),
    )
    .orderBy('t.response_due_at')
    .limit(limit)
    .execute() as Promise<{ id: string; response_due_at: Date }[]>;
}

/** Writes the ladder; a rung already written for that deadline (by another replica) stays as it is. */
export async function insertSupervisionActions(
  db: Executor<TriageDB>,
  rows: { ticket_id: string; kind: SupervisionActionRow['kind']; due_at: Date; deadline: Date }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insertInto('supervision_actions')
    .values(rows)
    .onConflict((oc) => oc.columns(['ticket_id', 'kind', 'deadline']).doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

/**
 * Due actions not done yet, locked for this transaction; rows another replica holds are skipped,
 * so each action is taken by one transaction, which marks it done before it commits.
 */
export function claimDueActions(
  trx: Transaction<TriageDB>,
  now: Date,
  limit: number,
): Promise<SupervisionActionRow[]> {
  return trx
    .selectFrom('supervision_actions')
    .selectAll()
    .where('done_at', 'is', null)
    .where('due_at', '<', now)
    .orderBy('due_at')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function markActionDone(
  trx: Transaction<TriageDB>,
  id: number,
  at: Date,
  outcome: string,
): Promise<void> {
  await trx
    .updateTable('supervision_actions')
    .set({ done_at: at, outcome })
    .where('id', '=', id)
    .execute();
}

export function listSupervisionActions(
  db: Executor<TriageDB>,
  ticketId: string,
): Promise<SupervisionActionRow[]> {
  return db
    .selectFrom('supervision_actions')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('due_at')
    .orderBy('id')
    .execute();
}
