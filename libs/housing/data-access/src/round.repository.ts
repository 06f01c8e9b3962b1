import type { Insertable, Transaction } from 'kysely';
import type { OfferStatus } from '@gm/housing-contracts';
import type { Executor } from '@gm/shared-db';
import type {
  HousingDB,
  OfferRow,
  OffersTable,
  RoundEntriesTable,
  RoundEntryRow,
  RoundRow,
  RoundsTable,
} from './tables.js';

export async function insertRound(
  trx: Transaction<HousingDB>,
  round: Insertable<RoundsTable>,
  entries: Insertable<RoundEntriesTable>[],
): Promise<RoundRow> {
  const row = await trx.insertInto('rounds').values(round).returningAll().executeTakeFirstOrThrow();
  if (entries.length > 0) await trx.insertInto('round_entries').values(entries).execute();
  return row;
}

export function findRound(db: Executor<HousingDB>, id: string): Promise<RoundRow | undefined> {
  return db.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockRound(trx: Transaction<HousingDB>, id: string): Promise<RoundRow | undefined> {
  return trx.selectFrom('rounds').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Locks the round unless another transaction holds it (then undefined: someone else is on it). */
export function lockRoundSkipLocked(
  trx: Transaction<HousingDB>,
  id: string,
): Promise<RoundRow | undefined> {
  return trx
    .selectFrom('rounds')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

export function listRoundEntries(
  db: Executor<HousingDB>,
  roundId: string,
): Promise<RoundEntryRow[]> {
  return db
    .selectFrom('round_entries')
    .selectAll()
    .where('round_id', '=', roundId)
    .orderBy('rank')
    .execute();
}

/** The application's entry in the latest round it took part in. */
export function findLatestEntryOf(
  db: Executor<HousingDB>,
  applicationId: string,
): Promise<(RoundEntryRow & { applicants: number }) | undefined> {
  return db
    .selectFrom('round_entries as e')
    .innerJoin('rounds', 'rounds.id', 'e.round_id')
    .selectAll('e')
    .select((eb) =>
      eb
        .selectFrom('round_entries as all')
        .whereRef('all.round_id', '=', 'e.round_id')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .as('applicants'),
    )
    .where('e.application_id', '=', applicationId)
    .orderBy('rounds.published_at', 'desc')
    .limit(1)
    .executeTakeFirst() as Promise<(RoundEntryRow & { applicants: number }) | undefined>;
}

export async function setEntryExplanation(
  trx: Transaction<HousingDB>,
  roundId: string,
  applicationId: string,
  explanation: unknown,
): Promise<void> {
  await trx
    .updateTable('round_entries')
    .set({ explanation: JSON.stringify(explanation) })
    .where('round_id', '=', roundId)
    .where('application_id', '=', applicationId)
    .execute();
}

export async function insertOffers(
  trx: Transaction<HousingDB>,
  offers: Insertable<OffersTable>[],
): Promise<OfferRow[]> {
  if (offers.length === 0) return [];
  return trx.insertInto('offers').values(offers).returningAll().execute();
}

export function findOffer(db: Executor<HousingDB>, id: string): Promise<OfferRow | undefined> {
  return db.selectFrom('offers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listRoundOffers(db: Executor<HousingDB>, roundId: string): Promise<OfferRow[]> {
  return db
    .selectFrom('offers')
    .selectAll()
    .where('round_id', '=', roundId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function setOfferStatus(
  trx: Transaction<HousingDB>,
  id: string,
  status: OfferStatus,
  at: Date,
): Promise<OfferRow> {
  return trx
    .updateTable('offers')
    .set({ status, decided_at: at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Rounds with open offers past their deadline. */
export async function roundsWithLapsedOffers(
  db: Executor<HousingDB>,
  now: Date,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('offers')
    .select('round_id')
    .distinct()
    .where('status', '=', 'open')
    .where('expires_at', '<=', now)
    .limit(limit)
    .execute();
  return rows.map((r) => r.round_id);
}

/** A round's open offers past their deadline, locked (the round is locked already). */
export function lockLapsedOffers(
  trx: Transaction<HousingDB>,
  roundId: string,
  now: Date,
): Promise<OfferRow[]> {
  return trx
    .selectFrom('offers')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('status', '=', 'open')
    .where('expires_at', '<=', now)
    .orderBy('id')
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function insertStrike(
  trx: Transaction<HousingDB>,
  strike: { id: string; applicant_id: string; offer_id: string; reason: string; at: Date },
): Promise<void> {
  await trx.insertInto('strikes').values(strike).execute();
}

export async function strikeTimesOf(
  trx: Transaction<HousingDB>,
  applicantId: string,
): Promise<Date[]> {
  const rows = await trx
    .selectFrom('strikes')
    .select('at')
    .where('applicant_id', '=', applicantId)
    .execute();
  return rows.map((r) => r.at);
}
