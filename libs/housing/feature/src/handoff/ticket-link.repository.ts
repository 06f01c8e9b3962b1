import type { Executor } from '@gm/shared-db';
import type { ApplicationRow, HousingDB } from '@gm/housing-data-access';

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
