import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { stableId, type Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { migrateToLatest } from '@gm/shared-db';
import { MESSAGING_MIGRATION_TABLE, messagingMigrations, Outbox } from '@gm/shared-messaging';
import { openTestDatabase, type OpenedTestDatabase } from '@gm/shared-testing';
import type { DepartmentMetrics } from '@gm/triage-contracts';
import { triageMigrations, type TriageDB } from '@gm/triage-data-access';
import { chinaWorkingCalendar } from '@gm/triage-domain';
import { DEFAULT_TRIAGE_SETTINGS } from '../config/triage-config.js';
import { SeedDemoHistoryUseCase } from '../seed/seed-demo-history.use-case.js';
import { SeedDemoReferenceDataUseCase } from '../use-cases/seed-demo-reference-data.use-case.js';
import { TicketMetricsUseCase } from './ticket-metrics.use-case.js';

jest.setTimeout(60_000);

const dept = (code: string) => stableId('department', code);
const convener: Identity = {
  id: stableId('user', 'convener1'),
  username: 'convener1',
  roles: ['convener'],
};
const hrOfficer: Identity = {
  id: stableId('user', 'officer.hr'),
  username: 'officer.hr',
  roles: ['department-officer'],
  departmentId: dept('hr'),
};
const talent: Identity = {
  id: stableId('user', 'talent1'),
  username: 'talent1',
  roles: ['talent'],
};

describe('ticket metrics over the demo history (PostgreSQL)', () => {
  let opened: OpenedTestDatabase<TriageDB>;
  let metrics: TicketMetricsUseCase;
  let seed: SeedDemoHistoryUseCase;
  const clock = () => new Date('2026-11-28T10:00:00+08:00');

  beforeAll(async () => {
    opened = await openTestDatabase<TriageDB>({
      service: 'triage',
      schema: 'triage',
      migrations: triageMigrations,
    });
    await migrateToLatest(opened.database, messagingMigrations, {
      table: MESSAGING_MIGRATION_TABLE,
    });
    await new SeedDemoReferenceDataUseCase(opened.database).execute();
    const calendar = chinaWorkingCalendar();
    seed = new SeedDemoHistoryUseCase(
      opened.database,
      new Outbox('/guangming/triage'),
      calendar,
      clock,
      DEFAULT_TRIAGE_SETTINGS,
    );
    metrics = new TicketMetricsUseCase(opened.database, DEFAULT_TRIAGE_SETTINGS, clock);
  });

  afterAll(() => opened?.cleanup());

  it('seeds a past session once, through the real transitions', async () => {
    expect(await Promise.all([seed.execute(), seed.execute()])).toEqual(
      expect.arrayContaining([8, 0]),
    );
    expect(await seed.execute()).toBe(0);
    const statuses = await opened.database.db
      .selectFrom('tickets')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .orderBy('status')
      .execute();
    expect(statuses.map((s) => [s.status, Number(s.n)])).toEqual([
      ['closed', 7],
      ['resolved', 1],
    ]);
  });

  it('seeds the batch plate ticket item by item, which resolved itself with the last items', async () => {
    const ticket = await opened.database.db
      .selectFrom('tickets')
      .select(['id', 'status', 'resolution', 'contacted_at'])
      .where('title', '=', '研究员外地车牌区内通行（批量申请）')
      .executeTakeFirstOrThrow();
    expect(ticket.status).toBe('closed');
    expect(ticket.resolution).toBe(
      '全部 24 项已办结：准予 20，不予 3，撤回 1 / all 24 items settled: 20 granted, 3 refused, 1 withdrawn',
    );
    expect(ticket.contacted_at).not.toBeNull();
    const items = await opened.database.db
      .selectFrom('ticket_items')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('ticket_id', '=', ticket.id)
      .groupBy('status')
      .orderBy('status')
      .execute();
    expect(items.map((i) => [i.status, Number(i.n)])).toEqual([
      ['rejected', 3],
      ['resolved', 21],
    ]);
    const history = await opened.database.db
      .selectFrom('ticket_history')
      .select('transition')
      .where('ticket_id', '=', ticket.id)
      .orderBy('seq')
      .execute();
    const transitions = history.map((h) => h.transition);
    expect(transitions.filter((t) => t === 'item-resolved')).toHaveLength(24);
    expect(transitions.slice(0, 4)).toEqual(['submitted', 'assigned', 'accepted', 'contacted']);
    expect(transitions.slice(-3)).toEqual(['item-resolved', 'resolved', 'closed']);
  });

  it('gives the convener every department’s figures for September 2026', async () => {
    const result = await metrics.execute(convener, { from: '2026-09-01', to: '2026-09-30' });
    const by = (code: string): DepartmentMetrics =>
      result.items.find((i) => i.departmentCode === code && i.month === '2026-09')!;
    expect(result.items.map((i) => i.departmentCode).sort()).toEqual([
      'education',
      'health',
      'hr',
      'science',
      'traffic',
    ]);
    // traffic: three sign-fors and first contacts in time; one of three resolved after its
    // 5-working-day deadline.
    expect(by('traffic').rates).toEqual({
      response: 1,
      resolution: 1,
      satisfaction: 1,
      return: 0,
      redo: 0,
      onTime: 0.6667,
    });
    expect(by('traffic').counts).toMatchObject({ signedFor: 3, contacted: 3, respondedOnTime: 3 });
    // health: signed for in time, but the first contact came after the response deadline.
    expect(by('health').counts).toMatchObject({
      signedFor: 1,
      signedForOnTime: 1,
      contacted: 1,
      contactedOnTime: 0,
      respondedOnTime: 0,
    });
    expect(by('health').rates.response).toBe(0);
    // science: the lab-space sign-for three working days late.
    expect(by('science').rates.response).toBe(0.5);
    expect(by('science').counts).toMatchObject({
      dispatched: 2,
      signedFor: 2,
      resolved: 2,
      confirmed: 1,
    });
    // hr: one return of two dispatches; one redo (unsolved, unsatisfied) then solved and satisfied.
    expect(by('hr').counts).toMatchObject({ dispatched: 2, returned: 1, redone: 1, confirmed: 2 });
    expect(by('hr').rates).toMatchObject({
      return: 0.5,
      resolution: 0.5,
      satisfaction: 0.5,
      redo: 0.5,
    });
    // education got the school place by redispatch.
    expect(by('education').counts).toMatchObject({ dispatched: 1, signedFor: 1, solved: 1 });
    expect(result.totals).toHaveLength(5);
  });

  it('shows an officer only their department, and refuses requesters', async () => {
    const result = await metrics.execute(hrOfficer, { from: '2026-09-01', to: '2026-09-30' });
    expect(result.items.map((i) => i.departmentCode)).toEqual(['hr']);
    await expect(
      metrics.execute(hrOfficer, { departmentId: dept('traffic') }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const refused = await metrics.execute(talent, {}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'forbidden' });
  });

  it('recomputes any past period: a period before the session has no figures', async () => {
    const result = await metrics.execute(convener, { from: '2026-06-01', to: '2026-08-31' });
    expect(result.items).toEqual([]);
  });
});
