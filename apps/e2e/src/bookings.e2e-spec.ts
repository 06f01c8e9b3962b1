import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { stableId, type Page } from '@gm/shared-contracts';
import type {
  Availability,
  Booking,
  BookingWithHistory,
  FreeResource,
  MaintenanceWindow,
} from '@gm/resources-contracts';
import { requestTo, signInAll } from './support/http.js';
import { startPlatform, type Platform } from './support/platform.js';
import { expectProblem } from './support/problem.js';
import { localTime } from './support/working-days.js';

jest.setTimeout(180_000);

let platform: Platform;
let tokens: Record<string, string>;
const call = requestTo(() => platform.baseUrl);

beforeAll(async () => {
  platform = await startPlatform({ services: ['resources', 'gateway'] });
  tokens = await signInAll(platform.baseUrl, ['researcher1', 'researcher2', 'manager1', 'admin']);
});

afterAll(async () => {
  await platform?.stop();
});

describe('bookings through the gateway', () => {
  it('needs a token to book', async () => {
    const result = await call('/api/bookings', {
      json: {
        resourceId: 'GM-R-002',
        start: localTime(2, 10),
        end: localTime(2, 11),
        purpose: 'x',
      },
    });
    expectProblem(result, 401);
  });

  it('books a resource that needs no approval, and shows it with its history', async () => {
    const created = await call<Booking>('/api/bookings', {
      token: tokens.researcher1,
      json: {
        resourceId: 'GM-R-002',
        start: localTime(2, 10),
        end: localTime(2, 11),
        purpose: 'grid screening',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'approved', resourceCode: 'GM-R-002' });

    const detail = await call<BookingWithHistory>(`/api/bookings/${created.body.id}`, {
      token: tokens.researcher1,
    });
    expect(detail.status).toBe(200);
    expect(detail.body.history).toEqual([
      expect.objectContaining({ action: 'requested', toStatus: 'approved' }),
    ]);
    // Another researcher may not see it; the owning unit's manager may.
    expectProblem(
      await call(`/api/bookings/${created.body.id}`, { token: tokens.researcher2 }),
      403,
    );
    expect(
      (await call(`/api/bookings/${created.body.id}`, { token: tokens.manager1 })).status,
    ).toBe(200);
  });

  it('lets exactly one of 24 concurrent overlapping requests win; the rest get 409', async () => {
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        call<Booking>('/api/bookings', {
          token: i % 2 ? tokens.researcher1 : tokens.researcher2,
          json: {
            resourceId: 'GM-R-002',
            start: localTime(3, 9, (i % 4) * 30),
            end: localTime(3, 12),
            purpose: `race ${i}`,
          },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const losers = results.filter((r) => r.status !== 201);
    expect(losers).toHaveLength(23);
    for (const loser of losers) expectProblem(loser, 409, 'booking-overlap');

    const { body } = await call<Availability>(
      `/api/resources/GM-R-002/availability?from=${encodeURIComponent(localTime(3, 0))}&to=${encodeURIComponent(localTime(3, 23))}`,
    );
    expect(body.busy).toHaveLength(1);
  });

  it('refuses a policy breach naming the rule and its limit', async () => {
    const result = await call('/api/bookings', {
      token: tokens.researcher1,
      json: {
        resourceId: 'GM-R-002',
        start: localTime(4, 9),
        end: localTime(4, 14),
        purpose: 'too long',
      },
    });
    const problem = expectProblem(result, 400, 'booking-policy');
    expect(problem.errors).toEqual([
      expect.objectContaining({ path: 'end', code: 'policy.max-duration', limit: 240 }),
    ]);
    const invalid = expectProblem(
      await call('/api/bookings', {
        token: tokens.researcher1,
        json: { resourceId: 'GM-R-002', start: 'tomorrow', purpose: '' },
      }),
      400,
    );
    expect(invalid.errors?.map((e) => e.path).sort()).toEqual(['end', 'purpose', 'start']);
  });

  it('lets only the owning unit’s manager decide, once; cancelling frees the slot', async () => {
    const body = {
      resourceId: 'GM-R-001',
      start: localTime(5, 14),
      end: localTime(5, 15),
      purpose: 'cryo-EM session',
    };
    const pending = await call<Booking>('/api/bookings', { token: tokens.researcher1, json: body });
    expect(pending.body.status).toBe('pending');
    const id = pending.body.id;
    expectProblem(
      await call(`/api/bookings/${id}/approve`, { token: tokens.researcher1, method: 'POST' }),
      403,
    );
    expectProblem(
      await call(`/api/bookings/${id}/reject`, { token: tokens.manager1, json: {} }),
      400,
    );
    const approved = await call<Booking>(`/api/bookings/${id}/approve`, {
      token: tokens.manager1,
      method: 'POST',
    });
    expect(approved).toMatchObject({ status: 200, body: { status: 'approved' } });
    expectProblem(
      await call(`/api/bookings/${id}/reject`, { token: tokens.manager1, json: { reason: 'no' } }),
      409,
      'booking-state',
    );
    expectProblem(
      await call(`/api/bookings/${id}/cancel`, { token: tokens.researcher2, json: {} }),
      403,
    );
    const cancelled = await call<Booking>(`/api/bookings/${id}/cancel`, {
      token: tokens.researcher1,
      json: { reason: 'sample not ready' },
    });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', reason: 'sample not ready' });
    const again = await call<Booking>('/api/bookings', { token: tokens.researcher2, json: body });
    expect(again.status).toBe(201);
    const rejected = await call<Booking>(`/api/bookings/${again.body.id}/reject`, {
      token: tokens.manager1,
      json: { reason: 'reserved for service' },
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'reserved for service' });
  });

  it('lists a researcher’s own bookings and a manager’s unit’s', async () => {
    const mine = await call<Page<Booking>>('/api/bookings?pageSize=100', {
      token: tokens.researcher2,
    });
    expect(mine.status).toBe(200);
    expect(mine.body.items.every((b) => b.requesterId === stableId('user', 'researcher2'))).toBe(
      true,
    );
    const unit = await call<Page<Booking>>('/api/bookings?pageSize=100&status=approved', {
      token: tokens.manager1,
    });
    expect(unit.body.items.length).toBeGreaterThan(0);
    expect(unit.body.items.every((b) => b.unitId === stableId('unit', 'SZBL'))).toBe(true);
    expect(unit.body.items.every((b) => b.status === 'approved')).toBe(true);
    expectProblem(await call('/api/bookings?status=lost', { token: tokens.manager1 }), 400);
  });

  it('blocks the calendar for maintenance, against bookings both ways, and finds free resources', async () => {
    const path = '/api/resources/GM-R-002/maintenance';
    const window = {
      start: localTime(6, 13),
      end: localTime(6, 15),
      reason: 'detector calibration',
    };
    expectProblem(await call(path, { token: tokens.researcher1, json: window }), 403);
    const created = await call<MaintenanceWindow>(path, { token: tokens.manager1, json: window });
    expect(created.status).toBe(201);
    expectProblem(
      await call(path, {
        token: tokens.manager1,
        json: { ...window, start: localTime(6, 14), end: localTime(6, 16) },
      }),
      409,
      'booking-overlap',
    );
    expectProblem(
      await call('/api/bookings', {
        token: tokens.researcher1,
        json: {
          resourceId: 'GM-R-002',
          start: localTime(6, 12),
          end: localTime(6, 13),
          purpose: 'x',
        },
      }),
      409,
      'booking-overlap',
    );
    const busy = await call<Availability>(
      `/api/resources/GM-R-002/availability?from=${encodeURIComponent(localTime(6, 0))}&to=${encodeURIComponent(localTime(6, 23))}`,
    );
    expect(busy.body.busy).toEqual([{ start: window.start, end: window.end, kind: 'maintenance' }]);

    const free = await call<{ items: FreeResource[] }>(
      `/api/resources/free?from=${encodeURIComponent(localTime(6, 13))}&to=${encodeURIComponent(localTime(6, 15))}&minutes=60&unitId=${stableId('unit', 'SZBL')}&category=instrument`,
    );
    expect(free.status).toBe(200);
    const codes = free.body.items.map((r) => r.code);
    expect(codes).toContain('GM-R-001');
    expect(codes).not.toContain('GM-R-002');
    expectProblem(await call('/api/resources/free?from=x'), 400);
  });
});
