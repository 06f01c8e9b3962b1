import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { stableId } from '@gm/shared-contracts';
import type { Booking, Resource, UtilisationStats } from '@gm/resources-contracts';
import { requestTo, signInAll } from './support/http.js';
import { startPlatform, type Platform } from './support/platform.js';
import { expectProblem } from './support/problem.js';
import { localTime } from './support/working-days.js';

jest.setTimeout(180_000);

const HOUR = 3_600_000;

let platform: Platform;
let tokens: Record<string, string>;
const call = requestTo(() => platform.baseUrl);

beforeAll(async () => {
  platform = await startPlatform({ services: ['resources', 'gateway'] });
  tokens = await signInAll(platform.baseUrl, ['researcher1', 'manager1', 'admin']);
});

afterAll(async () => {
  await platform?.stop();
});

const SZBL = stableId('unit', 'SZBL');

describe('GET /api/resources/stats', () => {
  const statsOf = (from: string, to: string, token?: string) =>
    call<UtilisationStats>(
      `/api/resources/stats?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      { token },
    );

  it('needs a token, and a range from before to of at most 366 days', async () => {
    const [from, to] = [localTime(3, 0), localTime(4, 0)];
    expectProblem(await statsOf(from, to), 401);
    const backwards = expectProblem(await statsOf(to, from, tokens.researcher1), 400);
    expect(backwards.errors).toEqual([expect.objectContaining({ path: 'to' })]);
    const tooLong = new Date(Date.parse(from) + 367 * 24 * HOUR).toISOString();
    const long = expectProblem(await statsOf(from, tooLong, tokens.researcher1), 400);
    expect(long.errors).toEqual([expect.objectContaining({ path: 'to' })]);
  });

  it('counts a booking for the owning unit’s manager, and only unit sums for others', async () => {
    // GM-R-002 (SZBL) needs no approval: researcher1 (another unit) books 10:00–12:00.
    const booked = await call<Booking>('/api/bookings', {
      token: tokens.researcher1,
      json: {
        resourceId: 'GM-R-002',
        start: localTime(3, 10),
        end: localTime(3, 12),
        purpose: 'grid screening',
      },
    });
    expect(booked.body.status).toBe('approved');
    const [from, to] = [localTime(3, 0), localTime(4, 0)];

    const managed = await statsOf(from, to, tokens.manager1);
    expect(managed.status).toBe(200);
    expect(managed.body).toMatchObject({ detail: 'unit', lateCancellationHours: 24 });
    expect(new Set(managed.body.resources.map((r) => r.unitId))).toEqual(new Set([SZBL]));
    // Monday to Saturday 08:30–21:00: one open day of 12.5 hours.
    expect(managed.body.resources.find((r) => r.code === 'GM-R-002')).toMatchObject({
      availableHours: 12.5,
      bookedHours: 2,
      utilisation: 0.16,
      outsideDemand: { hours: 2, share: 1 },
    });

    const researcher = await statsOf(from, to, tokens.researcher1);
    expect(researcher.body).toMatchObject({ detail: 'aggregate', resources: [] });
    const unit = researcher.body.units.find((u) => u.unit.id === SZBL);
    expect(unit).toMatchObject({ bookedHours: 2, outsideDemand: { hours: 2, share: 1 } });
    expect(researcher.body.total.bookedHours).toBe(2);

    const all = await statsOf(from, to, tokens.admin);
    expect(all.body.detail).toBe('all');
    expect(all.body.resources).toHaveLength(78);
  });
});

describe('PATCH /api/resources/:id', () => {
  const patch = (id: string, json: unknown, token?: string) =>
    call<Resource>(`/api/resources/${id}`, { method: 'PATCH', token, json });

  it('lets the owning unit’s manager edit texts and policy', async () => {
    const before = (await call<Resource>('/api/resources/GM-R-001')).body;
    const edited = await patch(
      'GM-R-001',
      { nameEn: 'Titan Krios G4 Cryo-TEM', policy: { maxMinutes: 480, leadTimeHours: 48 } },
      tokens.manager1,
    );
    expect(edited.status).toBe(200);
    expect(edited.body).toEqual({
      ...before,
      nameEn: 'Titan Krios G4 Cryo-TEM',
      policy: { ...before.policy, maxMinutes: 480, leadTimeHours: 48 },
    });
    expect((await call<Resource>('/api/resources/GM-R-001')).body).toEqual(edited.body);
  });

  it('refuses anyone else: no token 401, a researcher or another unit’s manager 403', async () => {
    expectProblem(await patch('GM-R-001', { location: 'x' }), 401);
    expectProblem(await patch('GM-R-001', { location: 'x' }, tokens.researcher1), 403);
    // GM-R-003 belongs to SUSTECH, not to manager1's SZBL.
    expectProblem(await patch('GM-R-003', { location: 'x' }, tokens.manager1), 403);
    expectProblem(await patch('GM-R-999', { location: 'x' }, tokens.manager1), 404);
    expect((await call<Resource>('/api/resources/GM-R-003')).body.location).not.toBe('x');
  });

  it('refuses an inconsistent policy or unknown fields, naming them', async () => {
    const inconsistent = expectProblem(
      await patch('GM-R-001', { policy: { minMinutes: 600 } }, tokens.manager1),
      400,
    );
    expect(inconsistent.errors).toEqual([expect.objectContaining({ path: 'policy.maxMinutes' })]);
    const bad = expectProblem(
      await patch('GM-R-001', { status: 'closed', code: 'GM-R-100' }, tokens.manager1),
      400,
    );
    expect(bad.errors?.map((e) => e.path).sort()).toEqual(['', 'status']);
  });

  it('puts a resource into maintenance, which refuses new bookings', async () => {
    const stopped = await patch('GM-R-002', { status: 'maintenance' }, tokens.manager1);
    expect(stopped.body.status).toBe('maintenance');
    const refused = expectProblem(
      await call('/api/bookings', {
        token: tokens.researcher1,
        json: {
          resourceId: 'GM-R-002',
          start: localTime(5, 10),
          end: localTime(5, 11),
          purpose: 'screening',
        },
      }),
      400,
      'booking-policy',
    );
    expect(refused.errors).toContainEqual(
      expect.objectContaining({ code: 'policy.resource-unavailable' }),
    );
  });
});
