import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { openTestDatabase, type OpenedTestDatabase } from '@gm/shared-testing';
import { sql } from 'kysely';
import {
  isExclusionViolation,
  isUniqueViolation,
  type Migrations,
  violatedConstraint,
} from './index.js';

jest.setTimeout(60_000);

interface BookingDB {
  booking: { id: string; resource_id: string; during: string };
}

// The shape of the real double-booking guard: one resource, no two overlapping ranges.
const migrations: Migrations = {
  '0001_booking': {
    up: async (db) => {
      await sql`create table booking (
            id text primary key,
            resource_id uuid not null,
            during tstzrange not null,
            constraint booking_no_overlap exclude using gist (resource_id with =, during with &&)
          )`.execute(db);
    },
  },
};

const ROOM = '7f1b0e0a-6a57-4c1e-9a0e-2f9a3b7c1d01';
const OTHER_ROOM = '7f1b0e0a-6a57-4c1e-9a0e-2f9a3b7c1d02';

describe.each(['pg', 'pglite'] as const)('an exclusion constraint on %s', (dialect) => {
  let opened: OpenedTestDatabase<BookingDB>;
  const book = (id: string, resource: string, from: string, to: string) =>
    opened.database.db
      .insertInto('booking')
      .values({
        id,
        resource_id: resource,
        during: sql<string>`tstzrange(${from}::timestamptz, ${to}::timestamptz)`,
      })
      .execute();

  beforeAll(async () => {
    opened = await openTestDatabase<BookingDB>({
      service: 'excl',
      schema: 'excl',
      migrations,
      embedded: dialect === 'pglite',
    });
  });
  afterAll(() => opened?.cleanup());

  it('refuses an overlapping range with an error isExclusionViolation recognises', async () => {
    await book('a', ROOM, '2030-01-01T09:00Z', '2030-01-01T10:00Z');
    const error = await book('b', ROOM, '2030-01-01T09:30Z', '2030-01-01T10:30Z').catch(
      (e: unknown) => e,
    );
    expect(isExclusionViolation(error)).toBe(true);
    expect(isUniqueViolation(error)).toBe(false);
    expect(violatedConstraint(error)).toBe('booking_no_overlap');
  });

  it('accepts back-to-back ranges and the same time on another resource', async () => {
    await book('c', ROOM, '2030-01-01T10:00Z', '2030-01-01T11:00Z'); // [) ranges touch, not overlap
    await book('d', OTHER_ROOM, '2030-01-01T09:00Z', '2030-01-01T10:00Z');
    const rows = await opened.database.db
      .selectFrom('booking')
      .select('id')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.id)).toEqual(['a', 'c', 'd']);
  });

  it('tells a unique violation apart', async () => {
    const error = await book('a', OTHER_ROOM, '2031-01-01T09:00Z', '2031-01-01T10:00Z').catch(
      (e: unknown) => e,
    );
    expect(isUniqueViolation(error)).toBe(true);
    expect(isExclusionViolation(error)).toBe(false);
  });

  it('lets exactly one of 20 concurrent overlapping bookings win', async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        book(
          `race-${i}`,
          ROOM,
          `2032-01-01T09:${String(i).padStart(2, '0')}Z`,
          '2032-01-01T11:00Z',
        ),
      ),
    );
    const winners = attempts.filter((a) => a.status === 'fulfilled');
    const losers = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    expect(losers.every((l) => isExclusionViolation(l.reason))).toBe(true);
  });
});
