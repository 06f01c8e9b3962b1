import type { Executor } from '@gm/shared-db';
import type { TriageDB } from './tables.js';

/** History entries attributed to a department in [from, to], oldest first: what the metrics read. */
export function listHistoryForMetrics(
  db: Executor<TriageDB>,
  range: { from: Date; to: Date; departmentId?: string },
): Promise<
  {
    transition: string;
    at: Date;
    department_id: string | null;
    note: Record<string, unknown> | null;
  }[]
> {
  let query = db
    .selectFrom('ticket_history')
    .select(['transition', 'at', 'department_id', 'note'])
    .where('at', '>=', range.from)
    .where('at', '<=', range.to)
    .where('department_id', 'is not', null);
  if (range.departmentId) query = query.where('department_id', '=', range.departmentId);
  return query.orderBy('seq').execute();
}
