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
  ticketId = 't0',
): MetricsHistoryRecord => ({ ticketId, transition, at: at(local), departmentId, note });

/** The end of Tuesday 3 March 2026 in Shanghai: the response deadline of a Monday dispatch. */
const RESPONSE_DUE = '2026-03-03T15:59:59.999Z';

// Department A in March 2026: 4 dispatches, 3 sign-fors (one late) each followed by a first
// contact (t1 by its recorded deadline, t2 by its own flag, t3 after a late sign-for), 1 return,
// 3 resolutions (one late), 3 confirmations: solved+satisfied, solved+basically,
// unsolved+unsatisfied (a redo whose escalation repeats the note), and one overdue flag. April:
// one dispatch, nothing else.
const history: MetricsHistoryRecord[] = [
  rec('submitted', '2026-03-01T09:00:00', null),
  rec('assigned', '2026-03-02T09:00:00', A, null, 't1'),
  rec('assigned', '2026-03-02T10:00:00', A, null, 't2'),
  rec('assigned', '2026-03-02T11:00:00', A, null, 't3'),
  rec('redispatched', '2026-03-03T11:00:00', A, null, 't4'),
  rec('accepted', '2026-03-02T12:00:00', A, { late: false, responseDueAt: RESPONSE_DUE }, 't1'),
  rec('accepted', '2026-03-02T13:00:00', A, null, 't2'),
  rec('contacted', '2026-03-02T16:00:00', A, { first: true, late: false }, 't2'),
  rec('contacted', '2026-03-03T10:00:00', A, { first: true }, 't1'),
  rec('contacted', '2026-03-03T11:00:00', A, { first: false }, 't1'),
  rec('accepted', '2026-03-05T13:00:00', A, { late: true }, 't3'),
  rec('contacted', '2026-03-05T14:00:00', A, { first: true, late: true }, 't3'),
  rec('returned', '2026-03-03T09:00:00', A, { reason: 'not ours', basis: 'remit' }, 't4'),
  rec('resolved', '2026-03-10T09:00:00', A, { late: false }, 't1'),
  rec('resolved', '2026-03-11T09:00:00', A, { late: false }, 't2'),
  rec('resolved', '2026-03-20T09:00:00', A, { late: true }, 't3'),
  rec('closed', '2026-03-12T09:00:00', A, { solved: true, satisfaction: 'satisfied' }, 't1'),
  rec(
    'closed',
    '2026-03-13T09:00:00',
    A,
    { solved: true, satisfaction: 'basically-satisfied' },
    't2',
  ),
  rec('redo', '2026-03-21T09:00:00', A, { solved: false, satisfaction: 'unsatisfied' }, 't3'),
  rec('escalated', '2026-03-21T09:00:00', A, { solved: false, satisfaction: 'unsatisfied' }, 't3'),
  rec('overdue', '2026-03-19T00:00:01', A, null, 't3'),
  // 1 April 00:30 in Shanghai is still 31 March in UTC: it counts in April.
  rec('assigned', '2026-04-01T00:30:00', A, null, 't5'),
  rec('assigned', '2026-03-31T09:00:00', B, null, 't6'),
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
      contacted: 3,
      contactedOnTime: 2,
      respondedOnTime: 2,
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
      response: 0.6667, // 2 of 3 sign-fors with sign-for and first contact in time
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
          numerator: ['respondedOnTime', 'returned'],
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

describe('the response rate: sign-for and first contact within the response deadline', () => {
  const accepted = (ticketId: string, local: string, late = false) =>
    rec('accepted', local, A, { late, responseDueAt: RESPONSE_DUE }, ticketId);
  const responseOf = (records: MetricsHistoryRecord[], countUntil?: Date) =>
    computeTicketMetrics(records, DEFAULT_METRICS_CONFIG, 'period', countUntil)[0]!;

  it('needs both in time: a late first contact fails a sign-for made in time', () => {
    const figures = responseOf([
      rec('assigned', '2026-03-02T09:00:00', A, null, 'on-time'),
      accepted('on-time', '2026-03-02T10:00:00'),
      rec('contacted', '2026-03-03T23:00:00', A, { first: true }, 'on-time'),
      rec('assigned', '2026-03-02T09:00:00', A, null, 'late-contact'),
      accepted('late-contact', '2026-03-02T10:00:00'),
      rec('contacted', '2026-03-04T09:00:00', A, { first: true }, 'late-contact'),
      rec('assigned', '2026-03-02T09:00:00', A, null, 'never'),
      accepted('never', '2026-03-02T10:00:00'),
    ]);
    expect(figures.counts).toMatchObject({
      signedFor: 3,
      signedForOnTime: 3,
      contacted: 2,
      contactedOnTime: 1,
      respondedOnTime: 1,
    });
    expect(figures.rates.response).toBe(0.3333);
  });

  it('takes a resolution before any contact as the contact, but only the first one counts', () => {
    const figures = responseOf([
      accepted('answered', '2026-03-02T10:00:00'),
      rec('resolved', '2026-03-03T12:00:00', A, { late: false }, 'answered'),
      rec('contacted', '2026-03-04T12:00:00', A, { first: false }, 'answered'),
      accepted('late-then-on-time', '2026-03-02T10:00:00'),
      rec('contacted', '2026-03-05T12:00:00', A, { first: true }, 'late-then-on-time'),
      rec('contacted', '2026-03-03T12:00:00', A, { first: false }, 'late-then-on-time'),
    ]);
    // A resolution stands in for the contact, but is no 首次联系 of its own.
    expect(figures.counts).toMatchObject({ contacted: 1, contactedOnTime: 0, respondedOnTime: 1 });
  });

  it('pairs within the department that signed for, and starts again at a redispatch', () => {
    const figures = computeTicketMetrics(
      [
        accepted('moved', '2026-03-02T10:00:00'),
        rec('redispatched', '2026-03-02T11:00:00', B, null, 'moved'),
        rec('contacted', '2026-03-02T12:00:00', B, { first: true }, 'moved'),
        accepted('other', '2026-03-02T10:00:00'),
        rec('contacted', '2026-03-02T12:00:00', B, { first: true }, 'other'),
      ],
      DEFAULT_METRICS_CONFIG,
      'period',
    );
    expect(figures.find((f) => f.departmentId === A)!.counts.respondedOnTime).toBe(0);
  });

  it('completes a response with a contact just after the period, without counting it there', () => {
    const records = [
      rec('assigned', '2026-03-31T09:00:00', A, null, 'edge'),
      rec(
        'accepted',
        '2026-03-31T10:00:00',
        A,
        { late: false, responseDueAt: '2026-04-01T15:59:59.999Z' },
        'edge',
      ),
      rec('contacted', '2026-04-01T09:00:00', A, { first: true }, 'edge'),
      rec('resolved', '2026-04-01T10:00:00', A, { late: false }, 'edge'),
    ];
    const march = responseOf(records, at('2026-03-31T23:59:59.999'));
    expect(march.counts).toMatchObject({
      dispatched: 1,
      signedFor: 1,
      respondedOnTime: 1,
      resolved: 0,
    });
  });
});
