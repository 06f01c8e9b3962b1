import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { stableId } from '@gm/shared-contracts';
import type { ProblemDetails } from '@gm/shared-errors';
import { TriageSessionSchema, type TicketSummary } from '@gm/triage-contracts';
import { waitFor } from '@gm/shared-testing';
import { signInAll } from './support/http.js';
import { startPlatform, type Platform } from './support/platform.js';
import { ticketClient, watchTicketEvents, type TicketEvents } from './support/tickets.js';

// Starting the platform's processes takes seconds; a busy CI machine may take many.
jest.setTimeout(180_000);

const HOUSING = stableId('department', 'housing');
const TRAFFIC = stableId('department', 'traffic');
const PROJECT = '11111111-1111-4111-8111-111111111111';

let platform: Platform;
/** Ticket events seen on the triage stream. */
let events: TicketEvents;
let tokens: Record<string, string>;
const { call, raise, act } = ticketClient(() => ({ baseUrl: platform.baseUrl, tokens }));

const housingTicket = {
  title: '申请人才住房',
  description: '新入职研究员，申请人才住房',
  category: 'housing',
  details: { talentTier: 'B', householdSize: 3, preferredProjectIds: [PROJECT] },
};

beforeAll(async () => {
  platform = await startPlatform({ services: ['triage', 'gateway'] });
  tokens = await signInAll(platform.baseUrl, [
    'talent1',
    'talent2',
    'researcher1',
    'convener1',
    'officer.housing',
    'officer.traffic',
  ]);
  events = await watchTicketEvents(platform.prefix);
});

afterAll(async () => {
  await events?.close();
  await platform?.stop();
});

const eventsOf = (id: string) => events.transitionsOf(id);

describe('问诊会 tickets through the gateway', () => {
  it('validates details by the category and refuses non-requesters', async () => {
    const bad = await call<ProblemDetails>('talent1', '/api/tickets', {
      ...housingTicket,
      details: { householdSize: 0 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.path).sort()).toEqual([
      'details.householdSize',
      'details.preferredProjectIds',
      'details.talentTier',
    ]);
    const officer = await call('officer.housing', '/api/tickets', housingTicket);
    expect(officer.status).toBe(403);
  });

  it('runs the full loop: submit, session, assign, accept, resolve, confirm', async () => {
    const id = await raise('talent1', housingTicket);
    const session = await call('convener1', '/api/triage-sessions', {
      title: '第12期问诊会',
      heldAt: new Date(Date.now() + 86_400_000).toISOString(),
      departmentIds: [HOUSING, TRAFFIC],
    });
    expect(session.status).toBe(201);
    const { id: sessionId } = TriageSessionSchema.parse(session.body);
    const agenda = await call('convener1', `/api/triage-sessions/${sessionId}/agenda`, {
      ticketIds: [id],
    });
    expect(agenda.status).toBe(200);
    expect(TriageSessionSchema.parse(agenda.body).agenda).toEqual([
      expect.objectContaining({ ticketId: id, position: 1 }),
    ]);

    // Only the convener dispatches; the default deadline is the category's 10 working days.
    expect(
      (await call('officer.housing', `/api/tickets/${id}/assign`, { departmentId: HOUSING }))
        .status,
    ).toBe(403);
    const assigned = await act('convener1', id, 'assign', { departmentId: HOUSING });
    expect(assigned).toMatchObject({ status: 'assigned', departmentId: HOUSING });
    const days = (Date.parse(assigned.dueAt!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(10);

    // Another department's officer cannot even see it; the housing officer signs for it.
    expect((await call('officer.traffic', `/api/tickets/${id}`)).status).toBe(404);
    expect((await call('officer.traffic', `/api/tickets/${id}/accept`, {})).status).toBe(404);
    expect((await act('officer.housing', id, 'accept')).status).toBe('in-progress');
    const conflict = await call<ProblemDetails>('officer.housing', `/api/tickets/${id}/accept`, {});
    expect(conflict.status).toBe(409);
    expect(conflict.body.errors?.[0]).toMatchObject({ code: 'ticket.transition-refused' });

    await act('officer.housing', id, 'resolve', {
      resolution: '已配租光明云谷人才房 3 房',
      basis: '深圳市人才住房配租办法',
    });
    expect(
      (
        await call('talent2', `/api/tickets/${id}/confirm`, {
          solved: true,
          satisfaction: 'satisfied',
        })
      ).status,
    ).toBe(404);
    const closed = await act('talent1', id, 'confirm', { solved: true, satisfaction: 'satisfied' });
    expect(closed).toMatchObject({ status: 'closed', satisfaction: 'satisfied' });
    expect(closed.history.map((h) => h.transition)).toEqual([
      'submitted',
      'assigned',
      'accepted',
      'resolved',
      'closed',
    ]);

    // Requesters list their own, officers their department's, conveners all.
    const own = await call<{ items: TicketSummary[] }>('talent1', '/api/tickets');
    expect(own.body.items.map((t) => t.id)).toContain(id);
    const others = await call<{ items: TicketSummary[] }>('talent2', '/api/tickets');
    expect(others.body.items.map((t) => t.id)).not.toContain(id);
    const traffic = await call<{ items: TicketSummary[] }>('officer.traffic', '/api/tickets');
    expect(traffic.body.items.map((t) => t.id)).not.toContain(id);
    const all = await call<{ items: TicketSummary[] }>('convener1', `/api/tickets?status=closed`);
    expect(all.body.items.map((t) => t.id)).toContain(id);

    // Every transition went out through the outbox; the housing hand-off carries the details.
    await waitFor(() => eventsOf(id).length >= 5 || undefined, {
      what: 'five ticket events',
      timeoutMs: 15_000,
    });
    expect(eventsOf(id)).toEqual(['submitted', 'assigned', 'accepted', 'resolved', 'closed']);
    const handOff = events.of(id).find((e) => e.type === 'triage.evt.ticket.assigned.v1')!;
    expect(handOff.data).toMatchObject({
      requesterId: stableId('user', 'talent1'),
      departmentId: HOUSING,
      details: housingTicket.details,
    });
  });

  it('reviews a return: rejected stays, redispatched goes to another department', async () => {
    const id = await raise('researcher1', {
      title: '外地车牌通行',
      description: '研究所 3 名研究员外地车牌需区内通行',
      category: 'vehicle-permit',
      details: { reason: '通勤' },
      items: [
        { beneficiaryName: '张三' },
        { beneficiaryName: '李四' },
        { beneficiaryName: '王五' },
      ],
    });
    await act('convener1', id, 'assign', { departmentId: HOUSING });
    const returned = await act('officer.housing', id, 'return', {
      reason: '非本部门职责',
      basis: '三定方案',
    });
    expect(returned.status).toBe('returned');
    const kept = await act('convener1', id, 'return-review', { decision: 'reject' });
    expect(kept.status).toBe('in-progress');
    await act('officer.housing', id, 'return', {
      reason: '确非本部门职责',
      basis: '三定方案第三条',
    });
    const missing = await call<ProblemDetails>('convener1', `/api/tickets/${id}/return-review`, {
      decision: 'redispatch',
    });
    expect(missing.status).toBe(400);
    const moved = await act('convener1', id, 'return-review', {
      decision: 'redispatch',
      departmentId: TRAFFIC,
    });
    expect(moved).toMatchObject({ status: 'assigned', departmentId: TRAFFIC });
    expect(moved.items).toHaveLength(3);
    expect(moved.history.map((h) => [h.transition, h.note?.['chargedTo'] ?? null])).toEqual([
      ['submitted', null],
      ['assigned', null],
      ['returned', null],
      ['return-rejected', 'department'],
      ['returned', null],
      ['redispatched', 'dispatch'],
    ]);
    expect((await call('officer.housing', `/api/tickets/${id}`)).status).toBe(404);
    expect((await act('officer.traffic', id, 'accept')).status).toBe('in-progress');
  });

  it('sends an unsatisfied answer back for a redo, and escalates the second one', async () => {
    const id = await raise('talent2', {
      title: '人才补贴未到账',
      description: 'B 类人才补贴超期未发放',
      category: 'talent-service',
      details: { service: 'subsidy' },
    });
    await act('convener1', id, 'assign', { departmentId: TRAFFIC });
    await act('officer.traffic', id, 'accept');
    await act('officer.traffic', id, 'resolve', { resolution: '已转财政' });
    const redo = await act('talent2', id, 'confirm', {
      solved: false,
      satisfaction: 'unsatisfied',
    });
    expect(redo).toMatchObject({ status: 'in-progress', redoCount: 1, escalated: false });
    await act('officer.traffic', id, 'resolve', { resolution: '已发放' });
    const escalated = await act('talent2', id, 'confirm', {
      solved: true,
      satisfaction: 'unsatisfied',
      comment: '仍少发一个月',
    });
    expect(escalated).toMatchObject({ status: 'in-progress', redoCount: 2, escalated: true });
    await waitFor(() => eventsOf(id).includes('escalated') || undefined, {
      what: 'the escalated event',
      timeoutMs: 15_000,
    });
    expect(eventsOf(id).filter((t) => t === 'redo')).toHaveLength(2);
    expect(eventsOf(id).filter((t) => t === 'escalated')).toHaveLength(1);
  });

  it('shows the metrics: a convener every department, an officer its own, a talent nothing', async () => {
    type Metrics = {
      items: {
        departmentCode: string;
        departmentId: string;
        month: string;
        counts: Record<string, number>;
      }[];
      totals: { departmentCode: string; rates: Record<string, number | null> }[];
    };
    const all = await call<Metrics>('convener1', '/api/triage/metrics');
    expect(all.status).toBe(200);
    // The demo history: a past 问诊会 with tickets of five departments.
    const codes = new Set(all.body.items.map((i) => i.departmentCode));
    for (const code of ['traffic', 'science', 'hr', 'education', 'health'])
      expect(codes).toContain(code);
    const traffic = all.body.totals.find((t) => t.departmentCode === 'traffic')!;
    expect(traffic.rates.response).toEqual(expect.any(Number));
    expect(traffic.rates.satisfaction).toEqual(expect.any(Number));

    const own = await call<Metrics>('officer.traffic', '/api/triage/metrics');
    expect(own.status).toBe(200);
    expect(own.body.items.length).toBeGreaterThan(0);
    expect(new Set(own.body.items.map((i) => i.departmentId))).toEqual(new Set([TRAFFIC]));
    const other = await call<ProblemDetails>(
      'officer.traffic',
      `/api/triage/metrics?departmentId=${HOUSING}`,
    );
    expect(other.status).toBe(403);

    expect((await call('talent1', '/api/triage/metrics')).status).toBe(403);
    const bad = await call<ProblemDetails>('convener1', '/api/triage/metrics?from=2026-13-01');
    expect(bad.status).toBe(400);
  });
});
