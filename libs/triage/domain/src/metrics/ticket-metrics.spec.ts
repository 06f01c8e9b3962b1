import { describe, expect, it } from '@jest/globals';
import type { MetricsConfig } from '@gm/triage-contracts';
import {
  computeTicketMetrics,
  DEFAULT_METRICS_CONFIG,
  type MetricsHistoryRecord,
} from './ticket-metrics.js';

const A = 'aaaaaaaa-0000-4000-8000-000000000000';
const B = 'bbbbbbbb-0000-4000-8000-000000000000';
const at = (local: string) => new Date(`${local}+08:00`);
const rec = (
  transition: MetricsHistoryRecord['transition'],
  local: string,
  departmentId: string | null,
  note: Record<string, unknown> | null = null,
): MetricsHistoryRecord => ({ transition, at: at(local), departmentId, note });

// Department A in March 2026: 4 dispatches, 3 sign-fors (one late), 1 return, 3 resolutions (one
// late), 3 confirmations: solved+satisfied, solved+basically, unsolved+unsatisfied (a redo whose
// escalation repeats the note), and one overdue flag. April: one dispatch, nothing else.
const history: MetricsHistoryRecord[] = [
  rec('submitted', '2026-03-01T09:00:00', null),
  rec('assigned', '2026-03-02T09:00:00', A),
  rec('assigned', '2026-03-02T10:00:00', A),
  rec('assigned', '2026-03-02T11:00:00', A),
  rec('redispatched', '2026-03-03T11:00:00', A),
  rec('accepted', '2026-03-02T12:00:00', A, { late: false }),
  rec('accepted', '2026-03-02T13:00:00', A),
  rec('accepted', '2026-03-05T13:00:00', A, { late: true }),
  rec('returned', '2026-03-03T09:00:00', A, { reason: 'not ours', basis: 'remit' }),
  rec('resolved', '2026-03-10T09:00:00', A, { late: false }),
  rec('resolved', '2026-03-11T09:00:00', A, { late: false }),
  rec('resolved', '2026-03-20T09:00:00', A, { late: true }),
  rec('closed', '2026-03-12T09:00:00', A, { solved: true, satisfaction: 'satisfied' }),
  rec('closed', '2026-03-13T09:00:00', A, { solved: true, satisfaction: 'basically-satisfied' }),
  rec('redo', '2026-03-21T09:00:00', A, { solved: false, satisfaction: 'unsatisfied' }),
  rec('escalated', '2026-03-21T09:00:00', A, { solved: false, satisfaction: 'unsatisfied' }),
  rec('overdue', '2026-03-19T00:00:01', A),
  // 1 April 00:30 in Shanghai is still 31 March in UTC: it counts in April.
  rec('assigned', '2026-04-01T00:30:00', A),
  rec('assigned', '2026-03-31T09:00:00', B),
];

describe('ticket metrics', () => {
  it('counts per department and Shanghai month and applies the default formulas', () => {
    const figures = computeTicketMetrics(history);
    expect(figures.map((f) => [f.departmentId, f.month])).toEqual([
      [A, '2026-03'],
      [A, '2026-04'],
      [B, '2026-03'],
    ]);
    const march = figures[0]!;
    expect(march.counts).toEqual({
      dispatched: 4,
      signedFor: 3,
      signedForOnTime: 2,
      returned: 1,
      resolved: 3,
      resolvedOnTime: 2,
      confirmed: 3,
      solved: 2,
      rated: 3,
      satisfactionPoints: 2,
      redone: 1,
      overdue: 1,
    });
    expect(march.rates).toEqual({
      response: 0.6667, // 2 of 3 sign-fors in time
      resolution: 0.6667, // 2 of 3 confirmations solved
      satisfaction: 0.6667, // (1 + 1 + 0) / 3
      return: 0.25, // 1 return of 4 dispatches
      redo: 0.3333,
      onTime: 0.6667,
    });
    expect(figures[1]!.rates).toEqual({
      response: null,
      resolution: null,
      satisfaction: null,
      return: 0,
      redo: null,
      onTime: null,
    });
  });

  it('takes weights and formulas from configuration', () => {
    const config: MetricsConfig = {
      satisfactionWeights: { satisfied: 1, 'basically-satisfied': 0.5, unsatisfied: 0 },
      rates: {
        ...DEFAULT_METRICS_CONFIG.rates,
        // Count a return as a response too.
        response: {
          numerator: ['signedForOnTime', 'returned'],
          denominator: ['signedFor', 'returned'],
        },
      },
    };
    const [march] = computeTicketMetrics(history, config);
    expect(march!.counts.satisfactionPoints).toBe(1.5);
    expect(march!.rates.satisfaction).toBe(0.5);
    expect(march!.rates.response).toBe(0.75);
  });

  it('groups over the whole period on request', () => {
    const totals = computeTicketMetrics(history, DEFAULT_METRICS_CONFIG, 'period');
    expect(totals.map((t) => [t.departmentId, t.month, t.counts.dispatched])).toEqual([
      [A, null, 5],
      [B, null, 1],
    ]);
    expect(totals[0]!.rates.return).toBe(0.2);
  });
});
