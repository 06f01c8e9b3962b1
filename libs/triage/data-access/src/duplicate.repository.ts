import { sql, type ExpressionBuilder, type Transaction } from 'kysely';
import type { Executor } from '@gm/shared-db';
import type { DuplicateSuggestionRow, TriageDB } from './tables.js';

/** Statuses a ticket may still be merged from or into: duplicates are looked for among them. */
const OPEN_STATUSES = ['submitted', 'assigned', 'in-progress', 'returned', 'resolved'];

export interface DuplicateCandidateRow {
  id: string;
  number: string;
  requester_id: string;
  title: string;
  description: string;
  details: Record<string, unknown> | null;
}

/**
 * Serialises intake of one category until the transaction ends, so that two tickets raised at
 * the same moment are compared with each other: the second waits for the first to commit.
 */
export async function lockIntakeOf(trx: Transaction<TriageDB>, category: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`triage:intake:${category}`}, 0))`.execute(
    trx,
  );
}

/** The newest open tickets of a category besides `excludeId`: what a new ticket is compared with. */
export function findDuplicateCandidates(
  db: Executor<TriageDB>,
  input: { category: string; excludeId: string; limit: number },
): Promise<DuplicateCandidateRow[]> {
  return db
    .selectFrom('tickets')
    .select(['id', 'number', 'requester_id', 'title', 'description', 'details'])
    .where('category', '=', input.category)
    .where('status', 'in', OPEN_STATUSES)
    .where('id', '!=', input.excludeId)
    .orderBy('created_at', 'desc')
    .limit(input.limit)
    .execute();
}

/** The beneficiaries of these tickets, for comparing them. */
export function listBeneficiaries(
  db: Executor<TriageDB>,
  ticketIds: readonly string[],
): Promise<{ ticket_id: string; beneficiary_name: string; reference: string | null }[]> {
  if (ticketIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ticket_items')
    .select(['ticket_id', 'beneficiary_name', 'reference'])
    .where('ticket_id', 'in', [...ticketIds])
    .orderBy('ticket_id')
    .orderBy('position')
    .execute();
}

export interface NewDuplicateSuggestion {
  ticket_id: string;
  candidate_id: string;
  score: number;
  reasons: unknown[];
  suggested_at: Date;
}

/** Writes suggestions; a pair suggested before (from either side) stays as it is. */
export async function insertDuplicateSuggestions(
  trx: Transaction<TriageDB>,
  rows: readonly NewDuplicateSuggestion[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await trx
    .insertInto('duplicate_suggestions')
    .values(
      rows.map((r) => ({
        ...r,
        reasons: JSON.stringify(r.reasons),
        resolved_at: null,
        resolved_by: null,
        resolution_note: null,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning('ticket_id')
    .execute();
  return inserted.length;
}

/** The suggestions naming this ticket on either side. */
const involving =
  (ticketId: string) => (eb: ExpressionBuilder<TriageDB, 'duplicate_suggestions'>) =>
    eb.or([eb('ticket_id', '=', ticketId), eb('candidate_id', '=', ticketId)]);

export interface DuplicateSuggestionView extends DuplicateSuggestionRow {
  other_id: string;
  other_number: string;
  other_title: string;
  other_status: string;
  other_department_id: string | null;
  other_requester_id: string;
  other_assisting_department_ids: string[];
}

/** The ticket's suggestions with the other ticket of each pair; open ones first, then by score. */
export function listDuplicateSuggestions(
  db: Executor<TriageDB>,
  ticketId: string,
): Promise<DuplicateSuggestionView[]> {
  return (
    db
      .selectFrom('duplicate_suggestions as s')
      // The other side of each pair.
      .innerJoin('tickets as o', (join) =>
        join
          .on((eb) =>
            eb.or([
              eb('o.id', '=', eb.ref('s.ticket_id')),
              eb('o.id', '=', eb.ref('s.candidate_id')),
            ]),
          )
          .on('o.id', '!=', ticketId),
      )
      .selectAll('s')
      .select([
        'o.id as other_id',
        'o.number as other_number',
        'o.title as other_title',
        'o.status as other_status',
        'o.department_id as other_department_id',
        'o.requester_id as other_requester_id',
        'o.assisting_department_ids as other_assisting_department_ids',
      ])
      .where((eb) => eb.or([eb('s.ticket_id', '=', ticketId), eb('s.candidate_id', '=', ticketId)]))
      .orderBy(sql`s.status = 'open'`, 'desc')
      .orderBy('s.score', 'desc')
      .orderBy('o.number')
      .execute()
  );
}

export async function countOpenDuplicates(
  db: Executor<TriageDB>,
  ticketId: string,
): Promise<number> {
  const { n } = await db
    .selectFrom('duplicate_suggestions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(involving(ticketId))
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(n);
}

const pair = (a: string, b: string) => (eb: ExpressionBuilder<TriageDB, 'duplicate_suggestions'>) =>
  eb.or([
    eb.and([eb('ticket_id', '=', a), eb('candidate_id', '=', b)]),
    eb.and([eb('ticket_id', '=', b), eb('candidate_id', '=', a)]),
  ]);

/** The suggestion of this pair (either way round), locked for the transaction. */
export function lockSuggestion(
  trx: Transaction<TriageDB>,
  a: string,
  b: string,
): Promise<DuplicateSuggestionRow | undefined> {
  return trx
    .selectFrom('duplicate_suggestions')
    .selectAll()
    .where(pair(a, b))
    .forUpdate()
    .executeTakeFirst();
}

export interface SuggestionResolution {
  status: 'dismissed' | 'merged' | 'lapsed';
  resolved_at: Date;
  resolved_by: string;
  resolution_note: string | null;
}

/** Settles the open suggestion of this pair; returns whether there was one. */
export async function resolveSuggestion(
  trx: Transaction<TriageDB>,
  a: string,
  b: string,
  resolution: SuggestionResolution,
): Promise<boolean> {
  const updated = await trx
    .updateTable('duplicate_suggestions')
    .set(resolution)
    .where(pair(a, b))
    .where('status', '=', 'open')
    .returning('ticket_id')
    .execute();
  return updated.length > 0;
}

/** Open suggestions of a ticket that was merged away lapse: it is no one's candidate any more. */
export async function lapseSuggestionsOf(
  trx: Transaction<TriageDB>,
  ticketId: string,
  resolution: Omit<SuggestionResolution, 'status'>,
): Promise<number> {
  const updated = await trx
    .updateTable('duplicate_suggestions')
    .set({ ...resolution, status: 'lapsed' })
    .where(involving(ticketId))
    .where('status', '=', 'open')
    .returning('ticket_id')
    .execute();
  return updated.length;
}
