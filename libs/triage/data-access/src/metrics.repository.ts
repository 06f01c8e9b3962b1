import type { Executor } from '@gm/shared-db';
import type { TriageDB } from './tables.js';

/**
 * History entries attributed to a department in [from, to], in history order: what the metrics
 * read. With `contactsUntil`, also the contacts and resolutions after `to` up to then, which
 * complete the response of a sign-for inside the period.
 */
export function listHistoryForMetrics(
  db: Executor<TriageDB>,
  range: { from: Date; to: Date; departmentId?: string; contactsUntil?: Date },
): Promise<
  {
    ticket_id: string;
    transition: string;
    at: Date;
    department_id: string | null;
    note: Record<string, unknown> | null;
  }[]
> {
  let query = db
    .selectFrom('ticket_history')
    .select(['ticket_id', 'transition', 'at', 'department_id', 'note'])
    .where('at', '>=', range.from)
    .where((eb) => {
      const inPeriod = eb('at', '<=', range.to);
      if (!range.contactsUntil) return inPeriod;
      return eb.or([
        inPeriod,
        eb.and([
          eb('at', '<=', range.contactsUntil),
          eb('transition', 'in', ['contacted', 'resolved']),
        ]),
      ]);
    })
    .where('department_id', 'is not', null);
  if (range.departmentId) query = query.where('department_id', '=', range.departmentId);
  return query.orderBy('seq').execute();
}
