import { Inject, Injectable } from '@nestjs/common';
import { hasRole, type Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import type {
  DepartmentMetrics,
  MetricsQuery,
  TicketMetrics,
  TicketTransition,
} from '@gm/triage-contracts';
import { listDepartments, listHistoryForMetrics } from '@gm/triage-data-access';
import {
  computeTicketMetrics,
  endOfShanghaiDay,
  shanghaiDate,
  type DepartmentFigures,
} from '@gm/triage-domain';
import { TRIAGE_SETTINGS, type TriageSettings } from '../config/triage-config.js';
import { InjectTriageDatabase, type TriageDatabase } from '../database.js';
import { TRIAGE_CLOCK, type Clock } from '../tickets/ticket-runtime.js';

const DAY_MS = 86_400_000;
/** How far past the period contacts are read to complete the response of a sign-for inside it. */
const RESPONSE_LOOKAHEAD_MS = 90 * DAY_MS;

/**
 * Response, resolution, satisfaction, return, redo and on-time rates per department and month,
 * recomputed from the ticket history of the period with the configured formulas. Conveners see
 * every department; officers their own.
 */
@Injectable()
export class TicketMetricsUseCase {
  constructor(
    @InjectTriageDatabase() private readonly database: TriageDatabase,
    @Inject(TRIAGE_SETTINGS) private readonly settings: TriageSettings,
    @Inject(TRIAGE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(identity: Identity, query: MetricsQuery): Promise<TicketMetrics> {
    const departmentId = this.scope(identity, query.departmentId);
    const today = shanghaiDate(this.clock());
    const to = query.to ?? today;
    const from = query.from ?? `${shiftMonths(to.slice(0, 7), -11)}-01`;
    if (from > to) {
      throw AppError.invalid('the period ends before it starts', [
        { path: 'from', message: `must not be after ${to}`, code: 'metrics.empty-period' },
      ]);
    }
    // The Shanghai day `from` starts one millisecond after the end of the day before it.
    const start = new Date(endOfShanghaiDay(from).getTime() - DAY_MS + 1);
    const end = endOfShanghaiDay(to);
    const [history, departments] = await Promise.all([
      listHistoryForMetrics(this.database.db, {
        from: start,
        to: end,
        contactsUntil: new Date(end.getTime() + RESPONSE_LOOKAHEAD_MS),
        ...(departmentId ? { departmentId } : {}),
      }),
      listDepartments(this.database.db),
    ]);
    const records = history.map((h) => ({
      ticketId: h.ticket_id,
      transition: h.transition as TicketTransition,
      at: h.at,
      departmentId: h.department_id,
      note: h.note,
    }));
    const byId = new Map(departments.map((d) => [d.id, d]));
    const present = (f: DepartmentFigures): DepartmentMetrics => ({
      departmentId: f.departmentId,
      departmentCode: byId.get(f.departmentId)?.code ?? null,
      departmentName: byId.get(f.departmentId)?.name ?? null,
      month: f.month,
      counts: f.counts,
      rates: f.rates,
      overdueCount: f.counts.overdue,
    });
    const { metrics } = this.settings;
    return {
      from,
      to,
      items: computeTicketMetrics(records, metrics, 'month', end).map(present),
      totals: computeTicketMetrics(records, metrics, 'period', end).map(present),
      config: metrics,
    };
  }

  /** The department the caller may see figures of, or undefined for all (conveners). */
  private scope(identity: Identity, asked: string | undefined): string | undefined {
    if (hasRole(identity, 'convener')) return asked;
    if (identity.roles.includes('department-officer') && identity.departmentId) {
      if (asked && asked !== identity.departmentId) {
        throw AppError.forbidden('officers see the figures of their own department');
      }
      return identity.departmentId;
    }
    throw AppError.forbidden('only conveners and department officers see the ticket metrics');
  }
}

/** `YYYY-MM` moved by `delta` months. */
function shiftMonths(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
