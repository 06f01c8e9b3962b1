import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { stableId } from '@gm/shared-contracts';
import type { Booking, Qualification, WaitlistEntry } from '@gm/resources-contracts';
import { requestTo, signInAll } from './support/http.js';
import { startPlatform, type Platform } from './support/platform.js';
import { expectProblem } from './support/problem.js';
import { localDay, localTime } from './support/working-days.js';

jest.setTimeout(180_000);

const monthOf = (n: number) => new Date(localDay(n)).getUTCMonth();

let platform: Platform;
let tokens: Record<string, string>;
const call = requestTo(() => platform.baseUrl);

const researcher1 = stableId('user', 'researcher1');
const researcher2 = stableId('user', 'researcher2');

beforeAll(async () => {
  platform = await startPlatform({ services: ['resources', 'gateway'] });
  tokens = await signInAll(platform.baseUrl, ['researcher1', 'researcher2', 'manager1']);
});

afterAll(async () => {
  await platform?.stop();
});

describe('qualifications and fair share through the gateway', () => {
  // GM-R-022 (SZBL's cryo-FIB) requires cryo-em-operator and caps each unit at 40 hours a month.
  const qualifications = '/api/resources/GM-R-022/qualifications';

  it('refuses a booking without the qualification, naming it; the owning unit’s manager grants it', async () => {
    const body = {
      resourceId: 'GM-R-022',
      start: localTime(2, 9),
      end: localTime(2, 12),
      purpose: 'lamella milling',
    };
    const refused = expectProblem(
      await call('/api/bookings', { token: tokens.researcher1, json: body }),
      400,
      'booking-policy',
    );
    expect(refused.errors).toEqual([
      expect.objectContaining({ code: 'policy.qualification-required', limit: 'cryo-em-operator' }),
    ]);

    const grant = { userId: researcher1, expiresAt: localTime(40, 0) };
    expectProblem(await call(qualifications, { json: grant }), 401);
    expectProblem(await call(qualifications, { token: tokens.researcher2, json: grant }), 403);
    const granted = await call<Qualification>(qualifications, {
      token: tokens.manager1,
      json: grant,
    });
    expect(granted).toMatchObject({
      status: 201,
      body: { qualification: 'cryo-em-operator', userId: researcher1 },
    });
    expectProblem(
      await call(qualifications, { token: tokens.manager1, json: { userId: '' } }),
      400,
    );
    const list = await call<{ items: Qualification[] }>(qualifications, { token: tokens.manager1 });
    expect(list.body.items.map((q) => q.userId)).toEqual([researcher1]);
    expectProblem(await call(qualifications, { token: tokens.researcher1 }), 403);

    const booked = await call<Booking>('/api/bookings', { token: tokens.researcher1, json: body });
    expect(booked).toMatchObject({ status: 201, body: { status: 'pending' } });

    expectProblem(
      await call(`${qualifications}/${researcher1}`, {
        token: tokens.researcher1,
        method: 'DELETE',
      }),
      403,
    );
    const revoked = await call<Qualification>(`${qualifications}/${researcher2}`, {
      token: tokens.manager1,
      method: 'DELETE',
    });
    expectProblem(revoked, 404);
  });

  it('lets a unit’s concurrent requests through up to the monthly cap, not an hour more', async () => {
    await call(qualifications, {
      token: tokens.manager1,
      json: { userId: researcher2, expiresAt: localTime(40, 0) },
    });
    // Five open days in one month after the slot used above, three 3-hour slots each: 45 hours
    // asked for at once against a cap of 40, so exactly 13 bookings (39 hours) fit.
    let first = 3;
    while (monthOf(first) !== monthOf(first + 4)) first++;
    const requests = [0, 1, 2, 3, 4].flatMap((d) =>
      [
        [9, 12],
        [12.5, 15.5],
        [16, 19],
      ].map(([from, to]) => ({
        resourceId: 'GM-R-022',
        start: localTime(first + d, Math.floor(from!), (from! % 1) * 60),
        end: localTime(first + d, Math.floor(to!), (to! % 1) * 60),
        purpose: 'tomography campaign',
      })),
    );
    const results = await Promise.all(
      requests.map((json) => call<Booking>('/api/bookings', { token: tokens.researcher2, json })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(13);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(2);
    for (const result of refused) {
      const problem = expectProblem(result, 400, 'booking-policy');
      expect(problem.errors).toEqual([
        expect.objectContaining({ code: 'policy.monthly-cap', limit: 40 }),
      ]);
    }
  });
});

describe('the waitlist hand-over through the gateway', () => {
  it('holds a freed slot for the first waiting researcher, who books it', async () => {
    const slot = { start: localTime(8, 10), end: localTime(8, 11) };
    const taken = await call<Booking>('/api/bookings', {
      token: tokens.researcher1,
      json: { resourceId: 'GM-R-002', ...slot, purpose: 'grid screening' },
    });
    expect(taken.status).toBe(201);
    const path = '/api/resources/GM-R-002/waitlist';
    expectProblem(await call(path, { token: tokens.manager1, json: slot }), 403);
    expectProblem(
      await call(path, {
        token: tokens.researcher2,
        json: { start: localTime(8, 14), end: localTime(8, 15) },
      }),
      409,
      'waitlist-conflict',
    );
    const waiting = await call<WaitlistEntry>(path, { token: tokens.researcher2, json: slot });
    expect(waiting).toMatchObject({ status: 201, body: { status: 'waiting', hold: null } });

    await call(`/api/bookings/${taken.body.id}/cancel`, { token: tokens.researcher1, json: {} });
    const mine = await call<{ items: WaitlistEntry[] }>('/api/waitlist', {
      token: tokens.researcher2,
    });
    const offered = mine.body.items.find((e) => e.id === waiting.body.id);
    expect(offered).toMatchObject({ status: 'offered', hold: { status: 'active' } });
    expect(Date.parse(offered!.hold!.expiresAt)).toBeGreaterThan(Date.now() + 10 * 60_000);

    // Held for researcher2 alone.
    expectProblem(
      await call('/api/bookings', {
        token: tokens.researcher1,
        json: { resourceId: 'GM-R-002', ...slot, purpose: 'again' },
      }),
      409,
      'booking-overlap',
    );
    const booked = await call<Booking>('/api/bookings', {
      token: tokens.researcher2,
      json: { resourceId: 'GM-R-002', ...slot, purpose: 'my turn' },
    });
    expect(booked).toMatchObject({ status: 201, body: { status: 'approved' } });
    const after = await call<{ items: WaitlistEntry[] }>('/api/waitlist', {
      token: tokens.researcher2,
    });
    expect(after.body.items.find((e) => e.id === waiting.body.id)).toMatchObject({
      status: 'booked',
      hold: { status: 'converted' },
    });
  });
});

describe('the iCalendar feed', () => {
  it('serves busy times as RFC 5545 text without personal data', async () => {
    const feed = await call<string>('/api/resources/GM-R-002/calendar.ics');
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = feed.body;
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text).toContain('\r\nPRODID:');
    expect(text).toContain('\r\nSUMMARY:Busy\r\n');
    expect(text.match(/BEGIN:VEVENT/g)?.length).toBeGreaterThanOrEqual(1);
    for (const secret of [researcher1, researcher2, 'my turn', 'grid screening']) {
      expect(text).not.toContain(secret);
    }
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expectProblem(await call('/api/resources/GM-R-999/calendar.ics'), 404);
  });
});
