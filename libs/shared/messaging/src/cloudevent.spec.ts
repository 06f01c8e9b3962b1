import { describe, it, expect } from '@jest/globals';
import { z } from 'zod';
import { event } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { CloudEventSchema, createCloudEvent } from './cloudevent.js';

const BookingRequested = event(
  'resources.evt.booking.requested.v1',
  z.object({ bookingId: z.uuid(), hours: z.number().positive(), note: z.string().default('') }),
);
const bookingId = '01890a5d-ac96-774b-bcce-b302099a8057';

describe('createCloudEvent', () => {
  it('wraps valid data in a CloudEvents 1.0 envelope with a UUIDv7 id', () => {
    const before = Date.now();
    const ce = createCloudEvent(
      BookingRequested,
      { bookingId, hours: 2 },
      { source: '/guangming/resources', subject: bookingId },
    );
    expect(ce).toEqual({
      specversion: '1.0',
      id: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
      source: '/guangming/resources',
      type: 'resources.evt.booking.requested.v1',
      time: expect.any(String),
      subject: bookingId,
      datacontenttype: 'application/json',
      // The parsed data: defaults applied.
      data: { bookingId, hours: 2, note: '' },
    });
    expect(Date.parse(ce.time)).toBeGreaterThanOrEqual(before - 1);
    expect(CloudEventSchema.safeParse(ce).success).toBe(true);
  });

  it('gives every event its own id', () => {
    const make = () =>
      createCloudEvent(BookingRequested, { bookingId, hours: 1 }, { source: '/s', subject: 'x' })
        .id;
    expect(make()).not.toBe(make());
  });

  it('refuses data its contract rejects, naming the fields', () => {
    const attempt = () =>
      createCloudEvent(
        BookingRequested,
        { bookingId: 'nope', hours: -1 },
        { source: '/s', subject: 'x' },
      );
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(
      'invalid data of event resources.evt.booking.requested.v1: data.bookingId, data.hours',
    );
  });
});

describe('CloudEventSchema', () => {
  it('rejects envelopes of another spec version or without a type', () => {
    const ce = createCloudEvent(
      BookingRequested,
      { bookingId, hours: 1 },
      { source: '/s', subject: 'x' },
    );
    expect(CloudEventSchema.safeParse({ ...ce, specversion: '0.3' }).success).toBe(false);
    expect(CloudEventSchema.safeParse({ ...ce, type: '' }).success).toBe(false);
  });
});
