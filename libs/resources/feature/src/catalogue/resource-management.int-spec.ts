import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { stableId, type Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { migrateToLatest } from '@gm/shared-db';
import { MESSAGING_MIGRATION_TABLE, messagingMigrations, Outbox } from '@gm/shared-messaging';
import { openTestDatabase, type OpenedTestDatabase } from '@gm/shared-testing';
import {
  listResourceChanges,
  resourcesMigrations,
  type ResourcesDB,
} from '@gm/resources-data-access';
import type { UtilisationStats } from '@gm/resources-contracts';
import { ChangeBookingUseCase } from '../bookings/change-booking.use-case.js';
import { CompleteEndedBookingsUseCase } from '../bookings/complete-bookings.use-case.js';
import { CreateBookingUseCase } from '../bookings/create-booking.use-case.js';
import { ScheduleMaintenanceUseCase } from '../calendar/schedule-maintenance.use-case.js';
import { GetResourceUseCase } from '../use-cases/get-resource.use-case.js';
import { SeedDemoCatalogueUseCase } from '../use-cases/seed-demo-catalogue.use-case.js';
import { WaitlistHolds } from '../waitlist/waitlist-holds.js';
import { UpdateResourceUseCase } from './update-resource.use-case.js';
import { ResourceCache } from './resource-cache.js';
import { UtilisationStatsUseCase } from './utilisation-stats.use-case.js';

jest.setTimeout(60_000);

const person = (username: string, roles: Identity['roles'], unit?: string): Identity => ({
  id: stableId('user', username),
  username,
  roles,
  ...(unit ? { unitId: stableId('unit', unit) } : {}),
});
const admin = person('admin', ['admin']);
const manager1 = person('manager1', ['resource-manager'], 'SZBL'); // owns GM-R-001, GM-R-002
const otherManager = person('manager.sustech', ['resource-manager'], 'SUSTECH');
const ownResearcher = person('szbl.researcher', ['researcher'], 'SZBL');
const researcher1 = person('researcher1', ['researcher'], 'SYSU-SZ');
const researcher2 = person('researcher2', ['researcher'], 'SIAT');
const SZBL = stableId('unit', 'SZBL');

/** Asia/Shanghai wall-clock time in the week of Monday 2025-03-03 (and the days around it). */
const at = (local: string) => new Date(`2025-${local}+08:00`);

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

let opened: OpenedTestDatabase<ResourcesDB>;
let create: CreateBookingUseCase;
let change: ChangeBookingUseCase;
let stats: UtilisationStatsUseCase;
let update: UpdateResourceUseCase;
let getResource: GetResourceUseCase;

beforeAll(async () => {
  opened = await openTestDatabase<ResourcesDB>({
    service: 'resources',
    schema: 'resources',
    migrations: resourcesMigrations,
  });
  await migrateToLatest(opened.database, messagingMigrations, { table: MESSAGING_MIGRATION_TABLE });
  await new SeedDemoCatalogueUseCase(opened.database).execute();
  const outbox = new Outbox('/guangming/resources');
  const cache = new ResourceCache();
  create = new CreateBookingUseCase(opened.database, outbox, cache);
  change = new ChangeBookingUseCase(
    opened.database,
    outbox,
    new WaitlistHolds(outbox, { seedDemoData: false }),
  );
  stats = new UtilisationStatsUseCase(opened.database);
  update = new UpdateResourceUseCase(opened.database, outbox, cache);
  getResource = new GetResourceUseCase(opened.database, cache);
});

afterAll(() => opened?.cleanup());

describe('utilisation figures', () => {
  // Both SZBL instruments open Monday to Saturday 08:30–21:00. The range starts on Monday at
  // 10:00, so it holds 11 + 5 × 12.5 = 73.5 opening hours.
  const range = {
    from: at('03-03T10:00:00').toISOString(),
    to: at('03-10T00:00:00').toISOString(),
  };
  const requestedAt = at('02-25T00:00:00');
  const book = (who: Identity, code: string, from: string, to: string) =>
    create.execute(
      who,
      { resourceId: code, start: at(from).toISOString(), end: at(to).toISOString(), purpose: 'x' },
      requestedAt,
    );

  beforeAll(async () => {
    const maintenance = new ScheduleMaintenanceUseCase(
      opened.database,
      new Outbox('/guangming/resources'),
    );
    // GM-R-002 (no approval needed): maintenance Tuesday 10–12 and Wednesday 20–22 (1 h open).
    for (const [start, end] of [
      ['03-04T10:00:00', '03-04T12:00:00'],
      ['03-05T20:00:00', '03-05T22:00:00'],
    ]) {
      await maintenance.execute(manager1, {
        resourceId: 'GM-R-002',
        start: at(start).toISOString(),
        end: at(end).toISOString(),
        reason: 'service',
      });
    }
    // Own unit, Monday 09:00–11:00: 1 h of it in the range.
    await book(ownResearcher, 'GM-R-002', '03-03T09:00:00', '03-03T11:00:00');
    // Outside, Thursday 09:00–12:00, completed after the end.
    await book(researcher1, 'GM-R-002', '03-06T09:00:00', '03-06T12:00:00');
    // Outside, Friday 14:00–16:00, cancelled at 08:00 that day: late.
    const late = await book(researcher2, 'GM-R-002', '03-07T14:00:00', '03-07T16:00:00');
    await change.cancel(researcher2, late.id, 'ill', at('03-07T08:00:00'));
    // Outside, Saturday 09:00–10:30, cancelled five days ahead: not late.
    const early = await book(researcher1, 'GM-R-002', '03-08T09:00:00', '03-08T10:30:00');
    await change.cancel(researcher1, early.id, undefined, at('03-03T09:00:00'));

    // GM-R-001 (needs approval): outside, pending, Tuesday 14:00–18:00.
    await book(researcher1, 'GM-R-001', '03-04T14:00:00', '03-04T18:00:00');
    // Own unit, approved, Wednesday 09:00–11:00.
    const approved = await book(ownResearcher, 'GM-R-001', '03-05T09:00:00', '03-05T11:00:00');
    await change.approve(manager1, approved.id);
    // Outside, rejected, Thursday 13:00–14:00: demand, but neither booked nor cancelled.
    const rejected = await book(researcher2, 'GM-R-001', '03-06T13:00:00', '03-06T14:00:00');
    await change.reject(manager1, rejected.id, 'full');
    // Own unit, pending, Friday 09:00–10:00, cancelled by the manager after its start: late.
    const after = await book(ownResearcher, 'GM-R-001', '03-07T09:00:00', '03-07T10:00:00');
    await change.cancel(manager1, after.id, 'no-show', at('03-07T10:30:00'));
    // Outside the range altogether: before it on Monday, and the next Monday.
    await book(researcher2, 'GM-R-001', '03-03T08:30:00', '03-03T09:30:00');
    await book(researcher2, 'GM-R-001', '03-10T09:00:00', '03-10T10:00:00');

    await new CompleteEndedBookingsUseCase(
      opened.database,
      new Outbox('/guangming/resources'),
    ).execute(at('03-20T00:00:00'));
  });

  const row = (result: UtilisationStats, code: string) =>
    result.resources.find((r) => r.code === code);
  const szbl = (result: UtilisationStats) => result.units.find((u) => u.unit.id === SZBL);

  it('gives each figure of a resource exactly', async () => {
    const result = await stats.execute(admin, range);
    expect(row(result, 'GM-R-002')).toEqual({
      resourceId: stableId('resource', 'GM-R-002'),
      code: 'GM-R-002',
      name: expect.any(String),
      nameEn: expect.any(String),
      unitId: SZBL,
      availableHours: 70.5,
      bookedHours: 4,
      pendingHours: 0,
      cancelledLate: { count: 1, hours: 2 },
      utilisation: 0.0567,
      requestedHours: 7.5,
      outsideDemand: { hours: 6.5, share: 0.8667 },
    });
    expect(row(result, 'GM-R-001')).toMatchObject({
      availableHours: 73.5,
      bookedHours: 2,
      pendingHours: 4,
      cancelledLate: { count: 1, hours: 1 },
      utilisation: 0.0272,
      requestedHours: 8,
      outsideDemand: { hours: 5, share: 0.625 },
    });
  });

  it('sums a unit’s resources, and all of them, before dividing', async () => {
    const result = await stats.execute(admin, range);
    const unit = szbl(result)!;
    const own = result.resources.filter((r) => r.unitId === SZBL);
    expect(unit).toMatchObject({
      resources: own.length,
      bookedHours: 6,
      pendingHours: 4,
      cancelledLate: { count: 2, hours: 3 },
      requestedHours: 15.5,
      outsideDemand: { hours: 11.5, share: 0.7419 },
    });
    const available = own.reduce((sum, r) => sum + r.availableHours, 0);
    expect(unit.availableHours).toBeCloseTo(available, 1);
    expect(unit.utilisation).toBeCloseTo(6 / available, 4);
    expect(result.total).toMatchObject({ bookedHours: 6, requestedHours: 15.5 });
    expect(result.resources).toHaveLength(78);
    expect(result.detail).toBe('all');
  });

  it('shows a manager its unit’s resources, and anyone else the per-unit sums only', async () => {
    const mine = await stats.execute(manager1, range);
    expect(mine.detail).toBe('unit');
    expect(mine.resources.map((r) => r.unitId)).toEqual(mine.resources.map(() => SZBL));
    expect(row(mine, 'GM-R-002')?.bookedHours).toBe(4);

    const other = await stats.execute(otherManager, range);
    expect(row(other, 'GM-R-002')).toBeUndefined();
    expect(other.resources.length).toBeGreaterThan(0);

    const researcher = await stats.execute(researcher1, range);
    expect(researcher).toMatchObject({ detail: 'aggregate', resources: [] });
    expect(szbl(researcher)).toEqual(szbl(mine));
  });

  it('filters by owning unit', async () => {
    const result = await stats.execute(admin, { ...range, unitId: SZBL });
    expect(result.units.map((u) => u.unit.id)).toEqual([SZBL]);
    expect(szbl(result)).toMatchObject(result.total);
    expect(result.resources.every((r) => r.unitId === SZBL)).toBe(true);
  });
});

describe('editing the catalogue', () => {
  const outboxOf = async (subject: string) =>
    (
      await opened.database.db
        .selectFrom('outbox' as never)
        .select(['type' as never, 'payload' as never])
        .where('subject' as never, '=', subject as never)
        .orderBy('seq' as never)
        .execute()
    ).map((r) => r as { type: string; payload: { data: unknown } });
  const GM_R_003 = stableId('resource', 'GM-R-003'); // SUSTECH's

  it('lets the owning unit’s manager change texts and policy, recorded and published', async () => {
    const before = await getResource.execute('GM-R-003');
    const updated = await update.execute(otherManager, {
      id: 'gm-r-003',
      changes: {
        nameEn: '600 MHz NMR (cryoprobe)',
        location: 'C-1-106',
        policy: { maxMinutes: 300, bufferMinutes: 20 },
      },
    });
    expect(updated).toEqual({
      ...before,
      nameEn: '600 MHz NMR (cryoprobe)',
      location: 'C-1-106',
      policy: {
        ...before.policy,
        maxMinutes: 300,
        bufferMinutes: 20,
        bufferBeforeMinutes: 20,
        bufferAfterMinutes: 20,
      },
    });
    expect(await getResource.execute(GM_R_003)).toEqual(updated);

    const [change] = await listResourceChanges(opened.database.db, GM_R_003);
    expect(change).toMatchObject({
      actor_id: otherManager.id,
      changes: {
        nameEn: { from: before.nameEn, to: '600 MHz NMR (cryoprobe)' },
        location: { from: before.location, to: 'C-1-106' },
        'policy.maxMinutes': { from: before.policy.maxMinutes, to: 300 },
        'policy.bufferMinutes': { from: 15, to: 20 },
      },
    });
    const events = await outboxOf(GM_R_003);
    expect(events.map((e) => e.type)).toEqual(['resources.evt.resource.updated.v1']);
    expect(events[0].payload.data).toEqual({
      resource: updated,
      changed: [
        'nameEn',
        'location',
        'policy.maxMinutes',
        'policy.bufferMinutes',
        'policy.bufferBeforeMinutes',
        'policy.bufferAfterMinutes',
      ],
    });
    const { updated_at, created_at } = await opened.database.db
      .selectFrom('resources')
      .select(['updated_at', 'created_at'])
      .where('id', '=', GM_R_003)
      .executeTakeFirstOrThrow();
    expect(updated_at.getTime()).toBeGreaterThan(created_at.getTime());
  });

  it('refuses a policy that breaks its own rules, naming the field, and changes nothing', async () => {
    const before = await getResource.execute('GM-R-003');
    const error = await refusal(
      update.execute(otherManager, { id: 'GM-R-003', changes: { policy: { minMinutes: 360 } } }),
    );
    expect(error.code).toBe('invalid-input');
    expect(error.errors).toEqual([expect.objectContaining({ path: 'policy.maxMinutes' })]);
    expect(await getResource.execute('GM-R-003')).toEqual(before);
  });

  it('refuses everyone but the owning unit’s manager and admins', async () => {
    for (const who of [manager1, researcher1, ownResearcher]) {
      const error = await refusal(
        update.execute(who, { id: 'GM-R-003', changes: { location: 'elsewhere' } }),
      );
      expect(error.code).toBe('forbidden');
    }
    expect((await getResource.execute('GM-R-003')).location).toBe('C-1-106');
    const byAdmin = await update.execute(admin, { id: 'GM-R-003', changes: { location: 'C-2' } });
    expect(byAdmin.location).toBe('C-2');
    expect(
      (await refusal(update.execute(admin, { id: 'GM-R-999', changes: { location: 'x' } }))).code,
    ).toBe('not-found');
  });

  it('refuses new bookings while the resource is in maintenance', async () => {
    const start = new Date(Date.now() + 3 * 86_400_000);
    start.setUTCHours(2, 0, 0, 0); // 10:00 in Shenzhen
    const request = {
      resourceId: 'GM-R-003',
      start: start.toISOString(),
      end: new Date(start.getTime() + 3_600_000).toISOString(),
      purpose: 'NMR',
    };
    await update.execute(otherManager, { id: 'GM-R-003', changes: { status: 'maintenance' } });
    const error = await refusal(create.execute(researcher1, request));
    expect(error.errors).toContainEqual(
      expect.objectContaining({ code: 'policy.resource-unavailable' }),
    );
    await update.execute(otherManager, { id: 'GM-R-003', changes: { status: 'available' } });
    expect(
      (await create.execute(researcher1, request, new Date(start.getTime() - 2 * 86_400_000)))
        .status,
    ).toBe('approved');
  });

  it('books on the current policy when another replica edited the resource this one has cached', async () => {
    const start = new Date(Date.now() + 5 * 86_400_000);
    start.setUTCHours(2, 0, 0, 0); // 10:00 in Shenzhen
    const request = {
      resourceId: 'GM-R-003',
      start: start.toISOString(),
      end: new Date(start.getTime() + 3_600_000).toISOString(),
      purpose: 'NMR',
    };
    const requestedAt = new Date(start.getTime() - 2 * 86_400_000);
    expect((await getResource.execute('GM-R-003')).status).toBe('available');
    // Another replica, with its own cache, puts the resource in maintenance: this one's cache
    // still says available, but the booking statement sees the row changed and admits again.
    const elsewhere = new UpdateResourceUseCase(
      opened.database,
      new Outbox('/guangming/resources'),
      new ResourceCache(),
    );
    await elsewhere.execute(otherManager, { id: 'GM-R-003', changes: { status: 'maintenance' } });
    const error = await refusal(create.execute(researcher1, request, requestedAt));
    expect(error.errors).toContainEqual(
      expect.objectContaining({ code: 'policy.resource-unavailable' }),
    );
    // And back: a refusal is never made on a cached row alone.
    await elsewhere.execute(otherManager, { id: 'GM-R-003', changes: { status: 'available' } });
    expect((await create.execute(researcher1, request, requestedAt)).status).toBe('approved');
  });
});
