import {
  METRIC_COUNTS,
  METRIC_RATES,
  type MetricCount,
  type MetricRate,
  type MetricsConfig,
  type Satisfaction,
  type TicketTransition,
} from '@gm/triage-contracts';
import { shanghaiDate } from '../calendar/working-calendar.js';

/** One history entry, as the metrics read it. */
export interface MetricsHistoryRecord {
  /** The ticket: a sign-for and its first contact are paired within one ticket. */
  ticketId: string;
  transition: TicketTransition;
  at: Date;
  /** The lead department at the time (for a redispatch: the one receiving it). */
  departmentId: string | null;
  note: Record<string, unknown> | null;
}

/**
 * The 12345-hotline figures: response (签收 and 首次联系 both in time), resolution (the requester says solved at
 * 回访), satisfaction (weighted ratings), return (退单), redo (重办) and on-time (办结 by the
 * deadline) rates.
 */
export const DEFAULT_METRICS_CONFIG: MetricsConfig = {
  satisfactionWeights: { satisfied: 1, 'basically-satisfied': 1, unsatisfied: 0 },
  rates: {
    response: { numerator: ['respondedOnTime'], denominator: ['signedFor'] },
    resolution: { numerator: ['solved'], denominator: ['confirmed'] },
    satisfaction: { numerator: ['satisfactionPoints'], denominator: ['rated'] },
    return: { numerator: ['returned'], denominator: ['dispatched'] },
    redo: { numerator: ['redone'], denominator: ['confirmed'] },
    onTime: { numerator: ['resolvedOnTime'], denominator: ['resolved'] },
  },
};

export type MetricCounts = Record<MetricCount, number>;
export type MetricRates = Record<MetricRate, number | null>;

export interface DepartmentFigures {
  departmentId: string;
  /** `YYYY-MM` (Asia/Shanghai), or null when grouped over the whole period. */
  month: string | null;
  counts: MetricCounts;
  rates: MetricRates;
}

const emptyCounts = (): MetricCounts =>
  Object.fromEntries(METRIC_COUNTS.map((c) => [c, 0])) as MetricCounts;

const SATISFACTIONS = new Set<string>(['satisfied', 'basically-satisfied', 'unsatisfied']);

const dateOf = (value: unknown): Date | undefined =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value) : undefined;

/** What the pairing found for one sign-for. */
interface Response {
  /** The first contact (or a resolution before any) came within the response deadline. */
  contactedOnTime: boolean;
  /** That first contact was an explicit 首次联系 (not a resolution standing in for it). */
  explicit: boolean;
  /** The entry of that first contact. */
  contact: MetricsHistoryRecord;
}

/**
 * Pairs each sign-for with the ticket's first contact after it, by the same department and before
 * the next dispatch; a resolution before any contact is the contact (the reply reached the
 * requester). On time means by the response deadline the sign-for recorded (else the contact's
 * own `late`). Entries must be in history order.
 */
function pairResponses(
  records: readonly MetricsHistoryRecord[],
): Map<MetricsHistoryRecord, Response> {
  const responses = new Map<MetricsHistoryRecord, Response>();
  const waiting = new Map<string, MetricsHistoryRecord>();
  for (const record of records) {
    switch (record.transition) {
      case 'assigned':
      case 'redispatched':
        waiting.delete(record.ticketId);
        break;
      case 'accepted':
        waiting.set(record.ticketId, record);
        break;
      case 'contacted':
      case 'resolved': {
        const accept = waiting.get(record.ticketId);
        if (!accept || accept.departmentId !== record.departmentId) break;
        waiting.delete(record.ticketId);
        const dueAt = dateOf(accept.note?.['responseDueAt']);
        const contactedOnTime = dueAt
          ? record.at.getTime() <= dueAt.getTime()
          : record.transition === 'contacted' && record.note?.['late'] !== true;
        responses.set(accept, {
          contactedOnTime,
          explicit: record.transition === 'contacted',
          contact: record,
        });
        break;
      }
      default:
        break;
    }
  }
  return responses;
}

/** Adds what one history entry contributes to its department's counts. */
function count(
  counts: MetricCounts,
  record: MetricsHistoryRecord,
  config: MetricsConfig,
  response: Response | undefined,
): void {
  const late = record.note?.['late'] === true;
  switch (record.transition) {
    case 'assigned':
    case 'redispatched':
      counts.dispatched++;
      return;
    case 'accepted':
      counts.signedFor++;
      if (!late) counts.signedForOnTime++;
      if (response?.explicit) {
        counts.contacted++;
        if (response.contactedOnTime) counts.contactedOnTime++;
      }
      if (!late && response?.contactedOnTime) counts.respondedOnTime++;
      return;
    case 'returned':
      counts.returned++;
      return;
    case 'resolved':
      counts.resolved++;
      if (!late) counts.resolvedOnTime++;
      return;
    case 'closed':
    case 'redo': {
      // Only these two carry the requester's judgement (an `escalated` after a redo repeats its note).
      counts.confirmed++;
      if (record.note?.['solved'] === true) counts.solved++;
      const satisfaction = record.note?.['satisfaction'];
      if (typeof satisfaction === 'string' && SATISFACTIONS.has(satisfaction)) {
        counts.rated++;
        counts.satisfactionPoints += config.satisfactionWeights[satisfaction as Satisfaction];
      }
      if (record.transition === 'redo') counts.redone++;
      return;
    }
    case 'overdue':
      counts.overdue++;
      return;
    default:
      return;
  }
}

const sum = (counts: MetricCounts, names: readonly MetricCount[]) =>
  names.reduce((total, name) => total + counts[name], 0);

/** The rates of some counts by the configured formulas; null where the denominator is 0. */
export function metricRates(counts: MetricCounts, config: MetricsConfig): MetricRates {
  return Object.fromEntries(
    METRIC_RATES.map((rate) => {
      const { numerator, denominator } = config.rates[rate];
      const below = sum(counts, denominator);
      const value =
        below === 0 ? null : Math.round((sum(counts, numerator) / below) * 10_000) / 10_000;
      return [rate, value];
    }),
  ) as MetricRates;
}

/**
 * The figures per department, and per Shanghai month of each entry (or over the whole list),
 * from history entries in history order. Pure: the same history gives the same figures for any past period.
 */
export function computeTicketMetrics(
  records: readonly MetricsHistoryRecord[],
  config: MetricsConfig = DEFAULT_METRICS_CONFIG,
  groupBy: 'month' | 'period' = 'month',
  /**
   * Count only entries up to this instant; later ones (fetched a little past the period) only
   * complete the response of a sign-for inside it, so a month's figures do not change with the
   * period asked for.
   */
  countUntil?: Date,
): DepartmentFigures[] {
  const responses = pairResponses(records);
  const groups = new Map<
    string,
    { departmentId: string; month: string | null; counts: MetricCounts }
  >();
  for (const record of records) {
    if (!record.departmentId) continue;
    if (countUntil && record.at.getTime() > countUntil.getTime()) continue;
    const month = groupBy === 'month' ? shanghaiDate(record.at).slice(0, 7) : null;
    const key = `${record.departmentId}|${month ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = { departmentId: record.departmentId, month, counts: emptyCounts() };
      groups.set(key, group);
    }
    count(group.counts, record, config, responses.get(record));
  }
  return [...groups.values()]
    .sort(
      (a, b) =>
        a.departmentId.localeCompare(b.departmentId) ||
        (a.month ?? '').localeCompare(b.month ?? ''),
    )
    .map((g) => ({ ...g, rates: metricRates(g.counts, config) }));
}
