import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { stableId } from '@gm/shared-contracts';
import type { ProblemDetails } from '@gm/shared-errors';
import { DuplicateListSchema, TicketItemSchema, type DuplicateList } from '@gm/triage-contracts';
import { waitFor } from '@gm/shared-testing';
import { signInAll } from './support/http.js';
import { startPlatform, type Platform } from './support/platform.js';
import { ticketClient, watchTicketEvents, type TicketEvents } from './support/tickets.js';

// 并单 suggestions at intake, per-beneficiary item resolution and the first contact (首次联系).
jest.setTimeout(180_000);

const HOUSING = stableId('department', 'housing');
const TRAFFIC = stableId('department', 'traffic');

let platform: Platform;
/** Ticket events seen on the triage stream. */
let events: TicketEvents;
let tokens: Record<string, string>;
const eventsOf = (id: string) => events.transitionsOf(id);
const { call, raise, act, get } = ticketClient(() => ({ baseUrl: platform.baseUrl, tokens }));

async function duplicatesOf(user: string, id: string): Promise<DuplicateList> {
  const result = await call<DuplicateList>(user, `/api/tickets/${id}/duplicates`);
  expect(result.status).toBe(200);
  return DuplicateListSchema.parse(result.body);
}

beforeAll(async () => {
  platform = await startPlatform({ services: ['triage', 'gateway'] });
  tokens = await signInAll(platform.baseUrl, [
    'talent1',
    'talent2',
    'researcher1',
    'enterprise1',
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

describe('duplicate suggestions (并单) at intake', () => {
  const leak = {
    title: '科学城B栋301实验室漏水',
    description: '光明科学城B栋三楼301实验室天花板持续漏水，影响精密仪器使用，请尽快维修',
    category: 'other',
    details: { address: '光明科学城B栋301' },
  };
  let first: string;
  let second: string;

  it('suggests a reworded ticket of another requester, and not an unrelated one', async () => {
    first = await raise('researcher1', leak);
    second = await raise('enterprise1', {
      title: 'B栋301实验室天花板漏水',
      description: '光明科学城B栋三楼301实验室天花板一直漏水，精密仪器受影响，请安排维修',
      category: 'other',
      details: { address: '光明科学城 B栋 301' },
    });
    const unrelated = await raise('talent1', {
      title: '园区食堂营业时间',
      description: '希望园区食堂延长晚间营业时间，方便加班的研究人员',
      category: 'other',
    });

    const found = await duplicatesOf('convener1', second);
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({
      ticket: { id: first, status: 'submitted' },
      status: 'open',
      resolvedAt: null,
    });
    expect(found.items[0]!.score).toBeGreaterThanOrEqual(0.6);
    expect(found.items[0]!.reasons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'similar-text' }),
        { kind: 'same-details', keys: ['address'] },
      ]),
    );
    // Seen from either side; the unrelated ticket has none.
    expect((await duplicatesOf('convener1', first)).items.map((s) => s.ticket.id)).toEqual([
      second,
    ]);
    expect((await duplicatesOf('convener1', unrelated)).items).toEqual([]);
    expect((await get('convener1', second)).openDuplicateCount).toBe(1);
    expect((await get('convener1', unrelated)).openDuplicateCount).toBe(0);

    // One event for the conveners, naming the candidates.
    const suspected = await waitFor(
      () => events.of(second).find((e) => e.type === 'triage.evt.ticket.duplicate-suspected.v1'),
      { what: 'the duplicate-suspected event', timeoutMs: 15_000 },
    );
    expect(suspected.data).toMatchObject({
      ticketId: second,
      candidates: [expect.objectContaining({ ticketId: first })],
    });
    expect(eventsOf(unrelated)).not.toContain('duplicate-suspected');
  });

  it('shows them to conveners and the ticket’s department, only where the other ticket is theirs too', async () => {
    // The requester and outsiders do not see them.
    expect((await call('enterprise1', `/api/tickets/${second}/duplicates`)).status).toBe(403);
    expect((await call('talent1', `/api/tickets/${second}/duplicates`)).status).toBe(404);
    expect((await call('officer.housing', `/api/tickets/${second}/duplicates`)).status).toBe(404);

    await act('convener1', second, 'assign', { departmentId: HOUSING });
    // The officer may see the ticket, not yet the other one (still unassigned): nothing shown.
    expect((await duplicatesOf('officer.housing', second)).items).toEqual([]);
    await act('convener1', first, 'assign', { departmentId: HOUSING });
    expect((await duplicatesOf('officer.housing', second)).items.map((s) => s.ticket.id)).toEqual([
      first,
    ]);
  });

  it('lets a convener dismiss a suggestion, once', async () => {
    const path = `/api/tickets/${second}/duplicates/${first}/dismiss`;
    expect((await call('officer.housing', path, {})).status).toBe(403);
    const dismissed = await call<DuplicateList>('convener1', path, { reason: '两间不同的实验室' });
    expect(dismissed.status).toBe(200);
    expect(DuplicateListSchema.parse(dismissed.body).items[0]).toMatchObject({
      ticket: { id: first },
      status: 'dismissed',
      resolvedBy: stableId('user', 'convener1'),
    });
    expect((await get('convener1', second)).openDuplicateCount).toBe(0);
    expect((await get('convener1', first)).openDuplicateCount).toBe(0);

    const again = await call<ProblemDetails>('convener1', path, {});
    expect(again.status).toBe(409);
    expect(again.body.errors?.[0]).toMatchObject({ code: 'duplicate.already-settled' });
    const none = await call<ProblemDetails>(
      'convener1',
      `/api/tickets/${second}/duplicates/00000000-0000-4000-8000-000000000000/dismiss`,
      {},
    );
    expect(none.status).toBe(404);
    await waitFor(
      () =>
        events
          .of(second)
          .find(
            (e) =>
              e.type === 'triage.evt.ticket.duplicate-resolved.v1' &&
              e.data['resolution'] === 'dismissed',
          ),
      { what: 'the duplicate-resolved event', timeoutMs: 15_000 },
    );
  });

  it('settles the suggestion when the convener merges the pair', async () => {
    const third = await raise('talent2', {
      title: '光明科学城B栋301实验室漏水',
      description: 'B栋三楼301实验室天花板漏水，影响精密仪器，请维修',
      category: 'other',
      details: { address: '光明科学城B栋301' },
    });
    const before = await duplicatesOf('convener1', third);
    expect(before.items.map((s) => [s.ticket.id, s.status]).sort()).toEqual(
      [
        [first, 'open'],
        [second, 'open'],
      ].sort(),
    );
    expect((await get('convener1', first)).openDuplicateCount).toBe(1);

    await act('convener1', third, 'merge', { intoTicketId: first });
    const after = await duplicatesOf('convener1', third);
    expect(Object.fromEntries(after.items.map((s) => [s.ticket.id, s.status]))).toEqual({
      [first]: 'merged',
      // Merged away, the ticket is no one's candidate any more.
      [second]: 'lapsed',
    });
    expect((await get('convener1', first)).openDuplicateCount).toBe(0);
    expect((await get('convener1', second)).openDuplicateCount).toBe(0);
  });
});

describe('duplicate suggestions of a closed ticket', () => {
  it('lapse when one ticket of the pair is closed', async () => {
    const noise = {
      title: '科学城南门路灯夜间不亮',
      description: '光明科学城南门外路灯连续三晚不亮，夜间下班的研究人员出行不安全',
      category: 'other',
    };
    const done = await raise('researcher1', noise);
    const waiting = await raise('enterprise1', {
      ...noise,
      description: '光明科学城南门外的路灯已经三晚不亮，研究人员夜间下班不安全',
    });
    expect((await get('convener1', waiting)).openDuplicateCount).toBe(1);

    await act('convener1', done, 'assign', { departmentId: TRAFFIC });
    await act('officer.traffic', done, 'accept');
    await act('officer.traffic', done, 'resolve', { resolution: '已报修，路灯恢复' });
    const closed = await act('researcher1', done, 'confirm', {
      solved: true,
      satisfaction: 'satisfied',
    });
    expect(closed.status).toBe('closed');

    const after = await duplicatesOf('convener1', waiting);
    expect(after.items.map((s) => [s.ticket.id, s.status])).toEqual([[done, 'lapsed']]);
    expect((await get('convener1', waiting)).openDuplicateCount).toBe(0);
  });
});

describe('beneficiary items, each resolved on its own', () => {
  const ITEMS = 30;
  let id: string;
  let itemIds: string[];

  beforeAll(async () => {
    id = await raise('researcher1', {
      title: '研究院外地车牌批量通行申请',
      description: `本院 ${ITEMS} 名研究员外地车牌需在光明区内通行`,
      category: 'vehicle-permit',
      details: { reason: '通勤至实验室' },
      items: Array.from({ length: ITEMS }, (_, i) => ({
        beneficiaryName: `研究员 ${i + 1}`,
        reference: `湘A·${String(10_000 + i)}`,
      })),
    });
    await act('convener1', id, 'assign', { departmentId: TRAFFIC });
    await act('officer.traffic', id, 'accept');
    itemIds = (await get('officer.traffic', id)).items.map((i) => i.id);
  });

  it('lists the items a page at a time, filtered by status', async () => {
    const page = await call<{ items: unknown[]; total: number }>(
      'researcher1',
      `/api/tickets/${id}/items?pageSize=10&page=2`,
    );
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(ITEMS);
    const items = page.body.items.map((i) => TicketItemSchema.parse(i));
    expect(items.map((i) => i.beneficiaryName)[0]).toBe('研究员 11');
    expect(items.every((i) => i.status === 'open' && i.history.length === 0)).toBe(true);
    expect((await call('officer.housing', `/api/tickets/${id}/items`)).status).toBe(404);
    expect((await call('researcher1', `/api/tickets/${id}/items?status=done`)).status).toBe(400);
  });

  it('refuses to resolve the ticket while items are open, naming how many', async () => {
    const refused = await call<ProblemDetails>('officer.traffic', `/api/tickets/${id}/resolve`, {
      resolution: '已办结',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain(`${ITEMS} item(s)`);
    expect(refused.body.errors?.[0]).toMatchObject({
      code: 'ticket.items-open',
      limit: { open: ITEMS },
    });
  });

  it('resolves one item: a refusal cites its basis; only the lead department decides', async () => {
    const path = `/api/tickets/${id}/items/${itemIds[0]}/resolve`;
    const noBasis = await call<ProblemDetails>('officer.traffic', path, {
      outcome: 'refused',
      reply: '车辆非本人所有',
    });
    expect(noBasis.status).toBe(400);
    expect(noBasis.body.errors?.[0]).toMatchObject({ path: 'basis', code: 'item.basis-required' });
    expect((await call('researcher1', path, { outcome: 'granted', reply: 'ok' })).status).toBe(403);
    expect((await call('officer.housing', path, { outcome: 'granted', reply: 'ok' })).status).toBe(
      404,
    );
    const unknown = await call(
      'officer.traffic',
      `/api/tickets/${id}/items/00000000-0000-4000-8000-000000000000/resolve`,
      { outcome: 'granted', reply: 'ok' },
    );
    expect(unknown.status).toBe(404);

    const ticket = await act('officer.traffic', id, `items/${itemIds[0]}/resolve`, {
      outcome: 'refused',
      reply: '车辆登记所有人非申请人本人',
      basis: '外地车辆通行管理规定第五条',
    });
    expect(ticket.status).toBe('in-progress');
    expect(ticket.items[0]).toMatchObject({
      status: 'rejected',
      outcome: 'refused',
      resolution: '车辆登记所有人非申请人本人',
      basis: '外地车辆通行管理规定第五条',
      history: [expect.objectContaining({ outcome: 'refused', actorId: expect.any(String) })],
    });
    expect(ticket.itemCounts).toMatchObject({ total: ITEMS, open: ITEMS - 1 });
    expect(ticket.history.at(-1)).toMatchObject({
      transition: 'item-resolved',
      note: expect.objectContaining({ itemId: itemIds[0], outcome: 'refused' }),
    });
  });

  it('resolves many at once, all or nothing, naming each bad entry', async () => {
    const bad = await call<ProblemDetails>('officer.traffic', `/api/tickets/${id}/items/resolve`, {
      items: [
        { itemId: itemIds[1], outcome: 'granted', reply: '准予' },
        { itemId: '00000000-0000-4000-8000-000000000000', outcome: 'granted', reply: '准予' },
        { itemId: itemIds[1], outcome: 'withdrawn', reply: '撤回' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => [e.path, e.code])).toEqual([
      ['items.1.itemId', 'item.unknown'],
      ['items.2.itemId', 'item.repeated'],
    ]);
    expect((await get('officer.traffic', id)).itemCounts.open).toBe(ITEMS - 1);

    const most = await act('officer.traffic', id, 'items/resolve', {
      items: itemIds.slice(1, ITEMS - 1).map((itemId, i) => ({
        itemId,
        outcome: i === 0 ? 'partially-granted' : 'granted',
        reply: '准予办理',
        basis: '光明区人才通行便利措施',
      })),
    });
    expect(most.status).toBe('in-progress');
    const open = await call<{ items: { id: string }[]; total: number }>(
      'officer.traffic',
      `/api/tickets/${id}/items?status=open`,
    );
    expect(open.body.total).toBe(1);
    expect(open.body.items.map((i) => i.id)).toEqual([itemIds[ITEMS - 1]]);
  });

  it('resolves the ticket by itself with the last item; the requester sees each outcome', async () => {
    const done = await act('officer.traffic', id, 'items/resolve', {
      items: [{ itemId: itemIds[ITEMS - 1], outcome: 'withdrawn', reply: '申请人已撤回' }],
    });
    expect(done.status).toBe('resolved');
    expect(done.resolution).toBe(
      `全部 ${ITEMS} 项已办结：准予 ${ITEMS - 3}，部分准予 1，不予 1，撤回 1 / all ${ITEMS} items settled: ${ITEMS - 3} granted, 1 partially granted, 1 refused, 1 withdrawn`,
    );
    expect(done.history.slice(-2).map((h) => h.transition)).toEqual(['item-resolved', 'resolved']);
    expect(done.history.at(-1)!.note).toMatchObject({ auto: true, items: ITEMS });

    const seenByRequester = await get('researcher1', id);
    expect(seenByRequester.itemCounts).toEqual({
      total: ITEMS,
      open: 0,
      byOutcome: { granted: ITEMS - 3, 'partially-granted': 1, refused: 1, withdrawn: 1 },
    });
    expect(seenByRequester.items.every((i) => i.outcome !== null)).toBe(true);

    // One event per item, then the resolution.
    await waitFor(() => eventsOf(id).includes('resolved') || undefined, {
      what: 'the resolved event',
      timeoutMs: 15_000,
    });
    expect(eventsOf(id).filter((t) => t === 'item-resolved')).toHaveLength(ITEMS);

    const late = await call<ProblemDetails>(
      'officer.traffic',
      `/api/tickets/${id}/items/${itemIds[0]}/resolve`,
      { outcome: 'granted', reply: '改为准予' },
    );
    expect(late.status).toBe(409);
    expect(
      (await act('researcher1', id, 'confirm', { solved: true, satisfaction: 'satisfied' })).status,
    ).toBe('closed');
  });
});

describe('first contact (首次联系) after the sign-for', () => {
  it('records each contact with its channel; the first is timed against the response deadline', async () => {
    const id = await raise('talent1', {
      title: '人才公寓门禁卡补办',
      description: '门禁卡遗失，申请补办',
      category: 'other',
    });
    const assigned = await act('convener1', id, 'assign', { departmentId: HOUSING });
    expect(assigned.responseDueAt).not.toBeNull();
    expect(Date.parse(assigned.responseDueAt!)).toBeGreaterThan(Date.now());
    expect(assigned.firstContactAt).toBeNull();

    const contact = { channel: 'phone', note: '已电话联系，约定明日上门' };
    // Signed for first; by the lead department only; a known channel.
    const early = await call<ProblemDetails>(
      'officer.housing',
      `/api/tickets/${id}/contact`,
      contact,
    );
    expect(early.status).toBe(409);
    await act('officer.housing', id, 'accept');
    expect((await call('officer.traffic', `/api/tickets/${id}/contact`, contact)).status).toBe(404);
    expect((await call('talent1', `/api/tickets/${id}/contact`, contact)).status).toBe(403);
    const badChannel = await call<ProblemDetails>('officer.housing', `/api/tickets/${id}/contact`, {
      channel: 'fax',
      note: 'x',
    });
    expect(badChannel.status).toBe(400);
    expect(badChannel.body.errors?.[0]).toMatchObject({ path: 'channel' });

    const contacted = await act('officer.housing', id, 'contact', contact);
    expect(contacted.firstContactAt).not.toBeNull();
    expect(contacted.history.at(-1)).toMatchObject({
      transition: 'contacted',
      actorId: stableId('user', 'officer.housing'),
      note: {
        channel: 'phone',
        note: contact.note,
        first: true,
        late: false,
        responseDueAt: assigned.responseDueAt,
      },
    });
    const visit = await act('officer.housing', id, 'contact', { channel: 'visit', note: '已上门' });
    expect(visit.firstContactAt).toBe(contacted.firstContactAt);
    expect(visit.history.at(-1)!.note).toEqual({ channel: 'visit', note: '已上门', first: false });
    await waitFor(() => eventsOf(id).filter((t) => t === 'contacted').length === 2 || undefined, {
      what: 'two contacted events',
      timeoutMs: 15_000,
    });

    // The response rate of this month counts it: signed for and contacted in time.
    type Metrics = { totals: { departmentId: string; counts: Record<string, number> }[] };
    const metrics = await call<Metrics>('officer.housing', '/api/triage/metrics');
    expect(metrics.status).toBe(200);
    const housing = metrics.body.totals.find((t) => t.departmentId === HOUSING)!;
    expect(housing.counts['contacted']).toBeGreaterThanOrEqual(1);
    expect(housing.counts['respondedOnTime']).toBeGreaterThanOrEqual(1);
  });
});
