import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { stableId, type Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { migrateToLatest } from '@gm/shared-db';
import { MESSAGING_MIGRATION_TABLE, messagingMigrations, Outbox } from '@gm/shared-messaging';
import { openTestDatabase, type OpenedTestDatabase } from '@gm/shared-testing';
import { resourcesMigrations, type ResourcesDB } from '@gm/resources-data-access';
import type { CreateBookingInput } from '@gm/resources-contracts';
import { AvailabilityUseCase } from '../calendar/availability.use-case.js';
import { ResourceCache } from '../catalogue/resource-cache.js';
import { ChangeBookingUseCase } from '../bookings/change-booking.use-case.js';
import { CreateBookingUseCase } from '../bookings/create-booking.use-case.js';
import { QualificationsUseCase } from '../qualifications/qualifications.use-case.js';
import { SeedDemoCatalogueUseCase } from '../use-cases/seed-demo-catalogue.use-case.js';
import { ExpireHoldsUseCase } from '../waitlist/expire-holds.use-case.js';
import { WaitlistHolds } from '../waitlist/waitlist-holds.js';
import { WaitlistUseCase } from '../waitlist/waitlist.use-case.js';

jest.setTimeout(60_000);

const person = (username: string, roles: Identity['roles'], unit?: string): Identity => ({
  id: stableId('user', username),
  username,
  roles,
  ...(unit ? { unitId: stableId('unit', unit) } : {}),
});
const researcher1 = person('researcher1', ['researcher'], 'SYSU-SZ');
const researcher2 = person('researcher2', ['researcher'], 'SIAT');
const researcher3 = person('researcher3', ['researcher'], 'SUSTECH');
const hitszResearcher = person('r.hitsz', ['researcher'], 'HITSZ');
const szuResearcher = person('r.szu', ['researcher'], 'SZU');
const manager1 = person('manager1', ['resource-manager'], 'SZBL');
const siatManager = person('manager.siat', ['resource-manager'], 'SIAT');

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** `hour`:`minute` in Shenzhen on the `n`-th Monday-to-Saturday after today. */
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
  return new Date(day + (hour - 8) * HOUR + minute * MINUTE);
}
const slot = (
  resourceId: string,
  n: number,
  from: [number, number],
  to: [number, number],
): CreateBookingInput => ({
  resourceId,
  start: localTime(n, ...from).toISOString(),
  end: localTime(n, ...to).toISOString(),
  purpose: 'measurement',
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('qualifications, fair share and the waitlist on PostgreSQL', () => {
  let opened: OpenedTestDatabase<ResourcesDB>;
  let create: CreateBookingUseCase;
  let change: ChangeBookingUseCase;
  let qualifications: QualificationsUseCase;
  let waitlist: WaitlistUseCase;
  let expire: ExpireHoldsUseCase;
  let availability: AvailabilityUseCase;

  const outboxOf = async (type: string) =>
    (
      await opened.database.db
        .selectFrom('outbox' as never)
        .select(['payload' as never])
        .where('type' as never, '=', type as never)
        .orderBy('seq' as never)
        .execute()
    ).map((r) => (r as { payload: { data: Record<string, unknown> } }).payload.data);

  const setPolicy = (code: string, set: Record<string, number | null>) =>
    opened.database.db.updateTable('resources').set(set).where('code', '=', code).execute();

  beforeAll(async () => {
    opened = await openTestDatabase<ResourcesDB>({
      service: 'resources',
      schema: 'resources',
      migrations: resourcesMigrations,
      embedded: false,
    });
    await migrateToLatest(opened.database, messagingMigrations, {
      table: MESSAGING_MIGRATION_TABLE,
    });
    await new SeedDemoCatalogueUseCase(opened.database).execute();
    const outbox = new Outbox('/guangming/resources');
    const holds = new WaitlistHolds(outbox, { seedDemoData: false, holdMinutes: 15 });
    const cache = new ResourceCache();
    create = new CreateBookingUseCase(opened.database, outbox, cache);
    change = new ChangeBookingUseCase(opened.database, outbox, holds);
    qualifications = new QualificationsUseCase(opened.database);
    waitlist = new WaitlistUseCase(opened.database);
    expire = new ExpireHoldsUseCase(opened.database, holds);
    availability = new AvailabilityUseCase(opened.database, cache);
  }, 60_000);

  afterAll(() => opened?.cleanup());

  it('refuses a booking without a valid qualification, naming it, until the unit grants one', async () => {
    // GM-R-011 (SIAT's synthetic-biology foundry) requires synbio-foundry-training.
    const booking = slot('GM-R-011', 5, [10, 0], [12, 0]);
    const missing = await refusal(create.execute(researcher1, booking));
    expect(missing).toMatchObject({ code: 'invalid-input', type: 'booking-policy' });
    expect(missing.errors).toEqual([
      expect.objectContaining({
        code: 'policy.qualification-required',
        limit: 'synbio-foundry-training',
      }),
    ]);

    const grant = { resourceId: 'GM-R-011', userId: researcher1.id };
    for (const stranger of [researcher1, manager1]) {
      const denied = await refusal(
        qualifications.grant(stranger, { ...grant, expiresAt: localTime(20, 0).toISOString() }),
      );
      expect(denied.code).toBe('forbidden');
    }
    // Expiring before the booking ends does not do.
    await qualifications.grant(siatManager, {
      ...grant,
      expiresAt: localTime(5, 11).toISOString(),
    });
    expect((await refusal(create.execute(researcher1, booking))).errors[0]?.code).toBe(
      'policy.qualification-required',
    );
    const renewed = await qualifications.grant(siatManager, {
      ...grant,
      expiresAt: localTime(20, 0).toISOString(),
    });
    expect(renewed).toMatchObject({
      qualification: 'synbio-foundry-training',
      unitId: stableId('unit', 'SIAT'),
      userId: researcher1.id,
      revokedAt: null,
    });
    expect((await create.execute(researcher1, booking)).status).toBe('pending');
    const listed = await qualifications.list(siatManager, 'GM-R-011');
    expect(listed.items.map((q) => q.userId)).toEqual([researcher1.id]);
    expect((await refusal(qualifications.list(manager1, 'GM-R-011'))).code).toBe('forbidden');

    const revoked = await qualifications.revoke(siatManager, grant);
    expect(revoked.revokedAt).not.toBeNull();
    expect(
      (await refusal(create.execute(researcher1, slot('GM-R-011', 6, [10, 0], [12, 0])))).errors[0]
        ?.code,
    ).toBe('policy.qualification-required');
    expect((await qualifications.list(siatManager, 'GM-R-011')).items).toEqual([]);
    expect((await refusal(qualifications.revoke(siatManager, grant))).code).toBe('not-found');
    const none = await refusal(
      qualifications.grant(manager1, {
        resourceId: 'GM-R-002',
        userId: researcher1.id,
        expiresAt: localTime(20, 0).toISOString(),
      }),
    );
    expect(none.errors[0]?.code).toBe('qualification.not-required');
  });

  it('lets exactly the hours of the monthly cap through when one unit races for them', async () => {
    await setPolicy('GM-R-004', { monthly_cap_hours_per_unit: 4 });
    // Five 2-hour slots on one day, none overlapping another: the cap of 4 hours admits two.
    const slots: [[number, number], [number, number]][] = [
      [
        [9, 0],
        [11, 0],
      ],
      [
        [11, 30],
        [13, 30],
      ],
      [
        [14, 0],
        [16, 0],
      ],
      [
        [16, 30],
        [18, 30],
      ],
      [
        [19, 0],
        [21, 0],
      ],
    ];
    const attempts = await Promise.allSettled(
      slots.map(([from, to]) => create.execute(hitszResearcher, slot('GM-R-004', 7, from, to))),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(2);
    for (const lost of attempts.filter((a) => a.status === 'rejected')) {
      expect((lost as PromiseRejectedResult).reason).toMatchObject({
        type: 'booking-policy',
        errors: [expect.objectContaining({ code: 'policy.monthly-cap', limit: 4 })],
      });
    }
    // Another unit has its own 4 hours.
    const other = await create.execute(researcher1, slot('GM-R-004', 8, [9, 0], [11, 0]));
    expect(other.status).toBe('approved');
  });

  it('keeps the external share from the owning unit, not from others', async () => {
    // 99% kept for other institutes: SZU may take about 3 of the month's ~320 opening hours.
    await setPolicy('GM-R-006', { external_share_percent: 99 });
    await create.execute(szuResearcher, slot('GM-R-006', 7, [9, 0], [11, 0]));
    const refused = await refusal(
      create.execute(szuResearcher, slot('GM-R-006', 7, [14, 0], [16, 0])),
    );
    expect(refused.errors).toEqual([
      expect.objectContaining({ code: 'policy.external-share', limit: 99 }),
    ]);
    expect((await create.execute(researcher1, slot('GM-R-006', 7, [14, 0], [16, 0]))).status).toBe(
      'approved',
    );
  });

  it('hands a freed slot to the waitlist in turn, as exclusive holds, until one books', async () => {
    const wanted = slot('GM-R-002', 9, [10, 0], [11, 0]);
    const taken = await create.execute(researcher1, wanted);
    const free = await refusal(
      waitlist.join(researcher2, {
        resourceId: 'GM-R-002',
        start: localTime(9, 14).toISOString(),
        end: localTime(9, 15).toISOString(),
      }),
    );
    expect(free).toMatchObject({ code: 'conflict', type: 'waitlist-conflict' });
    const span = { resourceId: 'GM-R-002', start: wanted.start, end: wanted.end };
    const second = await waitlist.join(researcher2, span);
    const third = await waitlist.join(researcher3, span);
    expect(second).toMatchObject({ status: 'waiting', hold: null });
    expect((await refusal(waitlist.join(researcher2, span))).errors[0]?.code).toBe(
      'waitlist.already-waiting',
    );

    const cancelledAt = Date.now();
    await change.cancel(researcher1, taken.id);
    const offered = (await waitlist.list(researcher2, {})).items.find((e) => e.id === second.id);
    expect(offered).toMatchObject({ status: 'offered', hold: { status: 'active' } });
    const expiresAt = Date.parse(offered!.hold!.expiresAt);
    expect(expiresAt - cancelledAt).toBeGreaterThanOrEqual(15 * MINUTE - 1000);
    expect(expiresAt - cancelledAt).toBeLessThan(16 * MINUTE);
    const events = await outboxOf('resources.evt.hold.offered.v1');
    expect(events).toEqual([
      expect.objectContaining({ userId: researcher2.id, waitlistEntryId: second.id }),
    ]);
    // Held: nobody else books it, and the calendar shows it busy.
    expect((await refusal(create.execute(researcher3, wanted))).type).toBe('booking-overlap');
    const { busy } = await availability.busy({
      id: 'GM-R-002',
      from: localTime(9, 0).toISOString(),
      to: localTime(9, 23).toISOString(),
    });
    expect(busy).toEqual([{ start: wanted.start, end: wanted.end, kind: 'booking' }]);

    // The hold runs out: the next in line gets one.
    expect(await expire.execute(new Date(expiresAt - 1000))).toBe(0);
    expect(await expire.execute(new Date(expiresAt + 1000))).toBe(1);
    const entries = async (who: Identity) => (await waitlist.list(who, {})).items;
    expect((await entries(researcher2))[0]).toMatchObject({ status: 'expired' });
    expect((await entries(researcher3))[0]).toMatchObject({
      status: 'offered',
      hold: { status: 'active' },
    });
    expect((await outboxOf('resources.evt.hold.offered.v1')).map((e) => e.userId)).toEqual([
      researcher2.id,
      researcher3.id,
    ]);
    expect((await refusal(create.execute(researcher2, wanted))).type).toBe('booking-overlap');

    // The holder's booking takes the hold over.
    const booked = await create.execute(researcher3, wanted);
    expect(booked.status).toBe('approved');
    expect((await entries(researcher3))[0]).toMatchObject({
      id: third.id,
      status: 'booked',
      hold: { status: 'converted' },
    });
    expect(await expire.execute(new Date(expiresAt + 60 * MINUTE))).toBe(0);
  });
});
