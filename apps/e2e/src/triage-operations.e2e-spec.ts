import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { stableId } from '@gm/shared-contracts';
import type { ProblemDetails } from '@gm/shared-errors';
import { SessionMinutesSchema, TriageSessionSchema } from '@gm/triage-contracts';
import { waitFor } from '@gm/shared-testing';
import { signInAll } from './support/http.js';
import { openSse } from './support/sse.js';
import { startPlatform, type Platform } from './support/platform.js';
import { ticketClient } from './support/tickets.js';

// Starting the platform's processes takes seconds; a busy CI machine may take many.
jest.setTimeout(180_000);

const HOUSING = stableId('department', 'housing');

let platform: Platform;
let tokens: Record<string, string>;
const tickets = ticketClient(() => ({ baseUrl: platform.baseUrl, tokens }));
const { call, act, get } = tickets;

/** Raises an ordinary ticket titled `title` as `user`; its id. */
const raise = (user: string, title: string) =>
  tickets.raise(user, { title, description: `${title}: details`, category: 'other' });

beforeAll(async () => {
  platform = await startPlatform({ services: ['triage', 'gateway'] });
  tokens = await signInAll(platform.baseUrl, [
    'talent1',
    'researcher1',
    'convener1',
    'officer.housing',
    'officer.traffic',
  ]);
});

afterAll(async () => {
  await platform?.stop();
});

describe('merging duplicate tickets (合并)', () => {
  it('merges a duplicate into an open ticket, linking both sides', async () => {
    const target = await raise('talent1', '停车证办理');
    await act('convener1', target, 'assign', { departmentId: HOUSING });
    const duplicate = await raise('researcher1', '停车证办理（重复）');

    const merged = await act('convener1', duplicate, 'merge', { intoTicketId: target });
    expect(merged).toMatchObject({ status: 'merged', mergedIntoId: target });
    expect(merged.links).toEqual([{ kind: 'merged-into', id: target }]);
    expect(merged.history.at(-1)).toMatchObject({
      transition: 'merged',
      fromStatus: 'submitted',
      toStatus: 'merged',
      note: expect.objectContaining({ intoTicketId: target }),
    });

    const into = await get('convener1', target);
    expect(into.status).toBe('assigned');
    expect(into.links).toEqual([{ kind: 'merged-from', id: duplicate }]);
    expect(into.history.at(-1)).toMatchObject({
      transition: 'linked',
      note: expect.objectContaining({ kind: 'merged-from', id: duplicate }),
    });

    // A merged ticket is done with: it cannot be merged again, nor take more merges.
    const again = await call<ProblemDetails>('convener1', `/api/tickets/${duplicate}/merge`, {
      intoTicketId: target,
    });
    expect(again.status).toBe(409);
    const other = await raise('talent1', '另一张工单');
    const intoMerged = await call<ProblemDetails>('convener1', `/api/tickets/${other}/merge`, {
      intoTicketId: duplicate,
    });
    expect(intoMerged.status).toBe(409);
    expect(intoMerged.body.errors?.[0]).toMatchObject({
      path: 'intoTicketId',
      code: 'ticket.merge-target-closed',
    });
  });

  it('refuses a merge into itself, into nothing, and by anyone but a convener', async () => {
    const id = await raise('talent1', '重复的问题');
    const self = await call<ProblemDetails>('convener1', `/api/tickets/${id}/merge`, {
      intoTicketId: id,
    });
    expect(self.status).toBe(400);
    expect(self.body.errors?.[0]).toMatchObject({ code: 'ticket.merge-into-self' });

    const nowhere = await call<ProblemDetails>('convener1', `/api/tickets/${id}/merge`, {
      intoTicketId: '00000000-0000-4000-8000-000000000000',
    });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.errors?.[0]).toMatchObject({ code: 'ticket.merge-target-unknown' });

    const other = await raise('talent1', '原问题');
    const byRequester = await call('talent1', `/api/tickets/${id}/merge`, { intoTicketId: other });
    expect(byRequester.status).toBe(403);
    expect((await get('talent1', id)).status).toBe('submitted');
  });
});

describe('session outcomes and minutes (纪要)', () => {
  it('records an outcome per agenda item and renders the minutes for those attending', async () => {
    const dispatched = await raise('talent1', '人才公寓配租');
    const answered = await raise('researcher1', '实验室用电咨询');
    const offAgenda = await raise('talent1', '不在议程上的工单');
    const created = await call('convener1', '/api/triage-sessions', {
      title: '第13期问诊会',
      heldAt: new Date(Date.now() + 86_400_000).toISOString(),
      departmentIds: [HOUSING],
    });
    expect(created.status).toBe(201);
    const { id: sessionId } = TriageSessionSchema.parse(created.body);
    const agenda = await call('convener1', `/api/triage-sessions/${sessionId}/agenda`, {
      ticketIds: [dispatched, answered],
    });
    expect(agenda.status).toBe(200);
    const outcome = (user: string, json: unknown) =>
      call<ProblemDetails>(user, `/api/triage-sessions/${sessionId}/outcomes`, json);

    // "assigned" needs the dispatch first; then it is recorded.
    const early = await outcome('convener1', { ticketId: dispatched, outcome: 'assigned' });
    expect(early.status).toBe(400);
    expect(early.body.errors?.[0]).toMatchObject({ code: 'agenda.outcome-not-dispatched' });
    await act('convener1', dispatched, 'assign', { departmentId: HOUSING });
    expect((await outcome('convener1', { ticketId: dispatched, outcome: 'assigned' })).status).toBe(
      200,
    );
    const spot = await outcome('convener1', {
      ticketId: answered,
      outcome: 'answered-on-the-spot',
      note: '按现行政策当场答复',
    });
    expect(spot.status).toBe(200);
    expect(TriageSessionSchema.parse(spot.body).agenda).toEqual([
      expect.objectContaining({ ticketId: dispatched, outcome: 'assigned' }),
      expect.objectContaining({
        ticketId: answered,
        outcome: 'answered-on-the-spot',
        note: '按现行政策当场答复',
      }),
    ]);

    const notOnAgenda = await outcome('convener1', { ticketId: offAgenda, outcome: 'deferred' });
    expect(notOnAgenda.status).toBe(400);
    expect(notOnAgenda.body.errors?.[0]).toMatchObject({
      path: 'ticketId',
      code: 'agenda.ticket-not-on-agenda',
    });
    const badOutcome = await outcome('convener1', { ticketId: answered, outcome: 'answered' });
    expect(badOutcome.status).toBe(400);
    expect(
      (await outcome('officer.housing', { ticketId: answered, outcome: 'deferred' })).status,
    ).toBe(403);

    const minutes = await call('officer.housing', `/api/triage-sessions/${sessionId}/minutes`);
    expect(minutes.status).toBe(200);
    const parsed = SessionMinutesSchema.parse(minutes.body);
    expect(parsed.items).toEqual([
      expect.objectContaining({
        position: 1,
        ticketId: dispatched,
        outcome: 'assigned',
        departmentId: HOUSING,
        status: 'assigned',
      }),
      expect.objectContaining({ position: 2, ticketId: answered, outcome: 'answered-on-the-spot' }),
    ]);
    expect(parsed.markdown).toContain('# 问诊会纪要：第13期问诊会');
    expect(parsed.markdown).toContain('现场答复');
    expect(parsed.markdown).toContain('按现行政策当场答复');
    // Not attending, not the convener: no minutes.
    const traffic = await call('officer.traffic', `/api/triage-sessions/${sessionId}/minutes`);
    expect(traffic.status).toBe(403);
  });
});

describe('extensions (延期)', () => {
  it('lets the lead department ask, the convener approve or refuse, and tells the requester live', async () => {
    const id = await raise('talent1', '子女入学协调');
    const assigned = await act('convener1', id, 'assign', { departmentId: HOUSING });
    await act('officer.housing', id, 'accept');
    const live = await openSse(`${platform.baseUrl}/api/events/stream`, {
      token: tokens['talent1'],
    });
    const outsider = await openSse(`${platform.baseUrl}/api/events/stream`, {
      token: tokens['researcher1'],
    });
    const typesFor = (client: typeof live) =>
      client.events
        .filter((e) => e.event === 'message')
        .map(
          (e) =>
            JSON.parse(e.data) as { type: string; subject?: string; data: { ticketId: string } },
        )
        .filter((e) => e.data?.ticketId === id)
        .map((e) => e.type);
    try {
      // Only the lead department asks, with a valid number of working days.
      expect(
        (
          await call('officer.traffic', `/api/tickets/${id}/extension`, {
            workingDays: 3,
            reason: 'x',
          })
        ).status,
      ).toBe(404);
      expect(
        (await call('convener1', `/api/tickets/${id}/extension`, { workingDays: 3, reason: 'x' }))
          .status,
      ).toBe(403);
      expect(
        (
          await call('officer.housing', `/api/tickets/${id}/extension`, {
            workingDays: 0,
            reason: 'x',
          })
        ).status,
      ).toBe(400);
      const review = (json: unknown) =>
        call<ProblemDetails>('convener1', `/api/tickets/${id}/extension-review`, json);
      const nothing = await review({ decision: 'approve' });
      expect(nothing.status).toBe(409);
      expect(nothing.body.errors?.[0]).toMatchObject({ code: 'extension.none-pending' });

      const asked = await act('officer.housing', id, 'extension', {
        workingDays: 5,
        reason: '需教育局协办核实学位',
      });
      expect(asked.dueAt).toBe(assigned.dueAt);
      expect(asked.history.at(-1)).toMatchObject({
        transition: 'extension-requested',
        note: expect.objectContaining({ workingDays: 5, reason: '需教育局协办核实学位' }),
      });
      const twice = await call<ProblemDetails>('officer.housing', `/api/tickets/${id}/extension`, {
        workingDays: 2,
        reason: '再次申请',
      });
      expect(twice.status).toBe(409);
      expect(twice.body.errors?.[0]).toMatchObject({ code: 'extension.already-pending' });
      expect(
        (
          await call('officer.housing', `/api/tickets/${id}/extension-review`, {
            decision: 'approve',
          })
        ).status,
      ).toBe(403);

      const approved = await act('convener1', id, 'extension-review', {
        decision: 'approve',
        note: '同意延期',
      });
      // Five working days later than before: at least a week on the calendar.
      expect(new Date(approved.dueAt!).getTime()).toBeGreaterThanOrEqual(
        new Date(assigned.dueAt!).getTime() + 7 * 86_400_000,
      );
      expect(approved.history.at(-1)).toMatchObject({
        transition: 'extension-approved',
        note: expect.objectContaining({ decision: 'approve', note: '同意延期' }),
      });
      // The request is settled: nothing left to review; a new one may be refused.
      expect((await review({ decision: 'refuse' })).status).toBe(409);
      await act('officer.housing', id, 'extension', { workingDays: 10, reason: '还需时间' });
      const refused = await act('convener1', id, 'extension-review', { decision: 'refuse' });
      expect(refused.dueAt).toBe(approved.dueAt);
      expect(refused.history.at(-1)).toMatchObject({ transition: 'extension-refused' });

      await waitFor(() => typesFor(live).includes('triage.evt.ticket.extension-refused.v1'), {
        what: 'the requester told of the extension decisions',
      });
      expect(typesFor(live)).toEqual([
        'triage.evt.ticket.extension-requested.v1',
        'triage.evt.ticket.extension-approved.v1',
        'triage.evt.ticket.extension-requested.v1',
        'triage.evt.ticket.extension-refused.v1',
      ]);
      expect(typesFor(outsider)).toEqual([]);
    } finally {
      live.close();
      outsider.close();
    }
  });

  it('lets a request lapse when the ticket goes to another department', async () => {
    const id = await raise('talent1', '车辆通行证');
    await act('convener1', id, 'assign', { departmentId: HOUSING });
    await act('officer.housing', id, 'extension', { workingDays: 3, reason: '需要时间' });
    await act('officer.housing', id, 'return', { reason: '非本部门职责', basis: '三定方案' });
    await act('convener1', id, 'return-review', {
      decision: 'redispatch',
      departmentId: stableId('department', 'traffic'),
    });
    // The housing department's request is not the traffic department's to be granted.
    const stale = await call<ProblemDetails>('convener1', `/api/tickets/${id}/extension-review`, {
      decision: 'approve',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.errors?.[0]).toMatchObject({ code: 'extension.none-pending' });
    const fresh = await act('officer.traffic', id, 'extension', { workingDays: 2, reason: '核实' });
    expect(fresh.history.at(-1)).toMatchObject({ transition: 'extension-requested' });
  });
});
