import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { sql } from 'kysely';
import { stableId, type Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { migrateToLatest } from '@gm/shared-db';
import { MESSAGING_MIGRATION_TABLE, messagingMigrations, Outbox } from '@gm/shared-messaging';
import { openTestDatabase, type OpenedTestDatabase } from '@gm/shared-testing';
import { resourcesMigrations, type ResourcesDB } from '@gm/resources-data-access';
import type { CreateBookingInput } from '@gm/resources-contracts';
import { AvailabilityUseCase } from '../calendar/availability.use-case.js';
import { ResourceCache } from '../catalogue/resource-cache.js';
import { ScheduleMaintenanceUseCase } from '../calendar/schedule-maintenance.use-case.js';
import { SeedDemoCatalogueUseCase } from '../use-cases/seed-demo-catalogue.use-case.js';
import { ChangeBookingUseCase } from './change-booking.use-case.js';
import { CompleteEndedBookingsUseCase } from './complete-bookings.use-case.js';
import { CreateBookingUseCase } from './create-booking.use-case.js';
import { ReadBookingsUseCase } from './read-bookings.use-case.js';
import { WaitlistHolds } from '../waitlist/waitlist-holds.js';

jest.setTimeout(60_000);

const person = (username: string, roles: Identity['roles'], unit?: string): Identity => ({
  id: stableId('user', username),
  username,
  roles,
  ...(unit ? { unitId: stableId('unit', unit) } : {}),
});
const researcher1 = person('researcher1', ['researcher'], 'SYSU-SZ');
const researcher2 = person('researcher2', ['researcher'], 'SIAT');
const manager1 = person('manager1', ['resource-manager'], 'SZBL'); // owns GM-R-001, GM-R-002
const otherManager = person('manager.sustech', ['resource-manager'], 'SUSTECH');

const HOUR = 3_600_000;
/**
 * `hour`:00 in Shenzhen on the `n`-th Monday-to-Saturday day after today: open for the demo
 * instruments (08:30–21:00, not Sundays), past their 24-hour lead time.
 */
function localTime(n: number, hour: number, minute = 0): Date {
  const shanghaiNow = new Date(Date.now() + 8 * HOUR);
  let day = Date.UTC(
    shanghaiNow.getUTCFullYear(),
    shanghaiNow.getUTCMonth(),
    shanghaiNow.getUTCDate(),
  );
  for (let found = 0; found < n;) {
    day += 24 * HOUR;
    if (new Date(day).getUTCDay() !== 0) found++;
  }
  return new Date(day + (hour - 8) * HOUR + minute * 60_000);
}
const span = (
  n: number,
  from: number,
  to: number,
  resourceId = 'GM-R-002',
): CreateBookingInput => ({
  resourceId,
  start: localTime(n, from).toISOString(),
  end: localTime(n, to).toISOString(),
  purpose: 'single-particle data collection',
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each([
  ['PostgreSQL', false],
  ['PGlite', true],
])('bookings on %s', (_name, embedded) => {
  let opened: OpenedTestDatabase<ResourcesDB>;
  let create: CreateBookingUseCase;
  let change: ChangeBookingUseCase;
  let read: ReadBookingsUseCase;
  let maintenance: ScheduleMaintenanceUseCase;
  let availability: AvailabilityUseCase;
  let complete: CompleteEndedBookingsUseCase;

  const outboxTypes = async (subject: string) =>
    (
      await opened.database.db
        .selectFrom('outbox' as never)
        .select(['type' as never, 'payload' as never])
        .where('subject' as never, '=', subject as never)
        .orderBy('seq' as never)
        .execute()
    ).map((r) => (r as { type: string }).type);

  beforeAll(async () => {
    opened = await openTestDatabase<ResourcesDB>({
      service: 'resources',
      schema: 'resources',
      migrations: resourcesMigrations,
      embedded,
    });
    await migrateToLatest(opened.database, messagingMigrations, {
      table: MESSAGING_MIGRATION_TABLE,
    });
    await new SeedDemoCatalogueUseCase(opened.database).execute();
    const outbox = new Outbox('/guangming/resources');
    const cache = new ResourceCache();
    create = new CreateBookingUseCase(opened.database, outbox, cache);
    change = new ChangeBookingUseCase(
      opened.database,
      outbox,
      new WaitlistHolds(outbox, { seedDemoData: false }),
    );
    read = new ReadBookingsUseCase(opened.database);
    maintenance = new ScheduleMaintenanceUseCase(opened.database, outbox);
    availability = new AvailabilityUseCase(opened.database, cache);
    complete = new CompleteEndedBookingsUseCase(opened.database, outbox);
  }, 60_000);

  afterAll(() => opened?.cleanup());

  it('approves at once where the policy needs no approval, with history and events', async () => {
    const booking = await create.execute(researcher1, span(2, 10, 11));
    expect(booking).toMatchObject({
      resourceCode: 'GM-R-002',
      status: 'approved',
      requesterId: researcher1.id,
      requesterUnitId: researcher1.unitId,
      unitId: stableId('unit', 'SZBL'),
    });
    expect(await outboxTypes(booking.id)).toEqual([
      'resources.evt.booking.requested.v1',
      'resources.evt.booking.approved.v1',
    ]);
    const detail = await read.get(researcher1, booking.id);
    expect(detail.history).toEqual([
      expect.objectContaining({ action: 'requested', fromStatus: null, toStatus: 'approved' }),
    ]);
  });

  it('refuses an overlap, buffers included, with a 409 booking-overlap', async () => {
    // GM-R-002 keeps 15 minutes before and after: 10:00–11:00 blocks 09:45–11:15.
    await create.execute(researcher1, span(3, 10, 11));
    const clash = await refusal(create.execute(researcher2, span(3, 10, 12)));
    expect(clash).toMatchObject({ code: 'conflict', type: 'booking-overlap' });
    // 11:00 touches the booking, but its own 15-minute buffer before overlaps the one after.
    const buffered = await refusal(
      create.execute(researcher2, {
        ...span(3, 11, 12),
      }),
    );
    expect(buffered.type).toBe('booking-overlap');
    // 11:30 leaves both buffers room.
    const after = await create.execute(researcher2, {
      ...span(3, 11, 12),
      start: localTime(3, 11, 30).toISOString(),
      end: localTime(3, 12, 30).toISOString(),
    });
    expect(after.status).toBe('approved');
  });

  it('refuses an overlap on the transaction path (a fair-share cap) as well', async () => {
    // A cap sends the request through the transaction (advisory lock, sum, then the claim),
    // where the refused claim is explained with the transaction (on PGlite, `db` would hang).
    await sql`update resources set monthly_cap_hours_per_unit = 500 where code = 'GM-R-004'`.execute(
      opened.database.db,
    );
    const first = await create.execute(researcher1, span(6, 10, 11, 'GM-R-004'));
    expect(first.resourceCode).toBe('GM-R-004');
    const clash = await refusal(create.execute(researcher2, span(6, 10, 11, 'GM-R-004')));
    expect(clash).toMatchObject({ code: 'conflict', type: 'booking-overlap' });
  });

  it('refuses a policy breach naming the rule and its limit', async () => {
    const breach = await refusal(create.execute(researcher1, span(4, 9, 14)));
    expect(breach).toMatchObject({ code: 'invalid-input', type: 'booking-policy' });
    expect(breach.errors).toEqual([
      expect.objectContaining({ code: 'policy.max-duration', limit: 240, path: 'end' }),
    ]);
    const closed = await refusal(create.execute(researcher1, span(4, 6, 7)));
    expect(closed.errors.map((e) => e.code)).toEqual(['policy.opening-hours']);
  });

  it('lets exactly one of 20 concurrent overlapping requests win', async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        create.execute(i % 2 ? researcher1 : researcher2, {
          ...span(5, 10, 12),
          // Every request overlaps every other one: starts differ, all cover 11:00–12:00.
          start: localTime(5, 9, (i % 4) * 30).toISOString(),
        }),
      ),
    );
    const won = attempts.filter((a) => a.status === 'fulfilled');
    const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((l) => (l.reason as AppError).type)).toEqual(Array(19).fill('booking-overlap'));
    const { total } = await read.list(person('admin', ['admin']), {
      page: 1,
      pageSize: 1,
      resourceId: stableId('resource', 'GM-R-002'),
    });
    // The 19 losers left nothing behind: no booking row, no event.
    const rows = await opened.database.db
      .selectFrom('bookings')
      .select('id')
      .where('starts_at', '>=', localTime(5, 0))
      .where('starts_at', '<', localTime(5, 23))
      .execute();
    expect(rows).toHaveLength(1);
    expect(total).toBeGreaterThanOrEqual(1);
  });

  it('lets only the owning unit’s manager approve or reject, once', async () => {
    const booking = await create.execute(researcher1, span(6, 10, 11, 'GM-R-001'));
    expect(booking.status).toBe('pending');
    expect((await refusal(change.approve(researcher1, booking.id))).code).toBe('forbidden');
    expect((await refusal(change.approve(otherManager, booking.id))).code).toBe('forbidden');
    const approved = await change.approve(manager1, booking.id);
    expect(approved.status).toBe('approved');
    const again = await refusal(change.reject(manager1, booking.id, 'too late'));
    expect(again).toMatchObject({ code: 'conflict', type: 'booking-state' });
    expect(await outboxTypes(booking.id)).toEqual([
      'resources.evt.booking.requested.v1',
      'resources.evt.booking.approved.v1',
    ]);
  });

  it('frees the slot on rejection and on cancellation', async () => {
    const first = await create.execute(researcher1, span(7, 10, 11, 'GM-R-001'));
    const rejected = await change.reject(manager1, first.id, 'instrument reserved for calibration');
    expect(rejected).toMatchObject({
      status: 'rejected',
      reason: 'instrument reserved for calibration',
    });
    const second = await create.execute(researcher2, span(7, 10, 11, 'GM-R-001'));
    expect((await refusal(change.cancel(researcher1, second.id))).code).toBe('forbidden');
    expect((await change.cancel(researcher2, second.id)).status).toBe('cancelled');
    const third = await create.execute(researcher1, span(7, 10, 11, 'GM-R-001'));
    expect(third.status).toBe('pending');
    expect((await refusal(change.cancel(researcher2, second.id))).type).toBe('booking-state');

    const history = (await read.get(manager1, first.id)).history;
    expect(history.map((h) => [h.action, h.toStatus, h.actorId])).toEqual([
      ['requested', 'pending', researcher1.id],
      ['rejected', 'rejected', manager1.id],
    ]);
    expect(await outboxTypes(second.id)).toEqual([
      'resources.evt.booking.requested.v1',
      'resources.evt.booking.cancelled.v1',
    ]);
  });

  it('shows researchers their own bookings and managers their unit’s', async () => {
    const mine = await read.list(researcher2, { page: 1, pageSize: 100 });
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((b) => b.requesterId === researcher2.id)).toBe(true);
    const unit = await read.list(manager1, { page: 1, pageSize: 100 });
    expect(unit.items.every((b) => b.unitId === stableId('unit', 'SZBL'))).toBe(true);
    expect(unit.total).toBeGreaterThan(mine.total);
    expect((await read.list(otherManager, { page: 1, pageSize: 100 })).total).toBe(0);
    const someone = mine.items[0]!.id;
    expect((await refusal(read.get(researcher1, someone))).code).toBe('forbidden');
    expect((await refusal(read.get(otherManager, someone))).code).toBe('forbidden');
  });

  it('keeps maintenance and bookings apart both ways, and shows both as busy', async () => {
    const booked = await create.execute(researcher1, span(8, 14, 15));
    const onBooking = await refusal(
      maintenance.execute(manager1, {
        resourceId: 'GM-R-002',
        start: localTime(8, 15).toISOString(),
        end: localTime(8, 17).toISOString(),
        reason: 'detector calibration',
      }),
    );
    expect(onBooking.type).toBe('booking-overlap');
    const forbidden = await refusal(
      maintenance.execute(otherManager, {
        resourceId: 'GM-R-002',
        start: localTime(8, 18).toISOString(),
        end: localTime(8, 20).toISOString(),
        reason: 'not mine',
      }),
    );
    expect(forbidden.code).toBe('forbidden');
    const window = await maintenance.execute(manager1, {
      resourceId: 'GM-R-002',
      start: localTime(8, 16).toISOString(),
      end: localTime(8, 18).toISOString(),
      reason: 'detector calibration',
    });
    expect((await refusal(create.execute(researcher2, span(8, 17, 19)))).type).toBe(
      'booking-overlap',
    );
    expect(await outboxTypes(stableId('resource', 'GM-R-002'))).toContain(
      'resources.evt.maintenance.scheduled.v1',
    );

    const { busy } = await availability.busy({
      id: 'GM-R-002',
      from: localTime(8, 0).toISOString(),
      to: localTime(8, 23).toISOString(),
    });
    expect(busy).toEqual([
      { start: booked.start, end: booked.end, kind: 'booking' },
      { start: window.start, end: window.end, kind: 'maintenance' },
    ]);

    const free = await availability.free({
      from: localTime(8, 14).toISOString(),
      to: localTime(8, 18).toISOString(),
      minutes: 60,
      unitId: stableId('unit', 'SZBL'),
      category: 'instrument',
    });
    const codes = free.items.map((r) => r.code);
    expect(codes).not.toContain('GM-R-002');
    expect(codes).toContain('GM-R-001');
  });

  it('completes approved bookings after their end, once', async () => {
    // Booked a week ago for yesterday-ish: the clock is moved back for the request only.
    const start = new Date(Date.now() - 2 * 24 * HOUR);
    const local = new Date(start.getTime() + 8 * HOUR);
    local.setUTCHours(10, 0, 0, 0);
    if (local.getUTCDay() === 0) local.setUTCDate(local.getUTCDate() - 1);
    const begins = new Date(local.getTime() - 8 * HOUR);
    const booking = await create.execute(
      researcher1,
      {
        resourceId: 'GM-R-003',
        start: begins.toISOString(),
        end: new Date(begins.getTime() + HOUR).toISOString(),
        purpose: 'NMR',
      },
      new Date(begins.getTime() - 5 * 24 * HOUR),
    );
    expect(booking.status).toBe('approved');
    expect(await complete.execute()).toBeGreaterThanOrEqual(1);
    const done = await read.get(researcher1, booking.id);
    expect(done.status).toBe('completed');
    expect(done.history.at(-1)).toMatchObject({ action: 'completed', actorId: null });
    expect(await complete.execute()).toBe(0);
    expect(await outboxTypes(booking.id)).toEqual([
      'resources.evt.booking.requested.v1',
      'resources.evt.booking.approved.v1',
      'resources.evt.booking.completed.v1',
    ]);
  });
});
