import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { event, type Identity } from '@gm/shared-contracts';
import { catalogueOf, eventContractsOf } from './event-catalogue.js';
import { formatPosition, parsePosition } from './stream-position.js';
import { visibleEvent } from './visibility.js';

const UNIT = '0b4c3c1e-5f7a-4d55-9a52-9a7f0f3d1c01';
const OTHER_UNIT = '0b4c3c1e-5f7a-4d55-9a52-9a7f0f3d1c02';
const Opened = event('resources.evt.resource.opened.v1', z.object({ resourceId: z.string() }), {
  public: true,
});
const Requested = event(
  'resources.evt.booking.requested.v1',
  z.object({ bookingId: z.string(), requesterId: z.string(), unitId: z.string() }),
  {
    audience: (d) => [{ userId: d.requesterId }, { unitId: d.unitId, role: 'resource-manager' }],
  },
);
const Everyone = event('resources.evt.bad.v1', z.object({}), { audience: () => [{}] });
const catalogue = catalogueOf(
  eventContractsOf({ Opened, Requested, Everyone, notAnEvent: { type: 'x' } }),
);

const envelope = (type: string, data: unknown) => ({
  specversion: '1.0',
  id: '01890f4e-8a4b-7c3d-9e2f-0123456789ab',
  source: '/guangming/resources',
  type,
  time: '2026-05-01T08:00:00+08:00',
  subject: 'b1',
  datacontenttype: 'application/json',
  data,
});
const person = (id: string, extra: Partial<Identity> = {}): Identity => ({
  id,
  username: id,
  roles: ['researcher'],
  ...extra,
});
const requested = envelope(Requested.type, { bookingId: 'b1', requesterId: 'u1', unitId: UNIT });

describe('live event visibility', () => {
  it('finds event contracts among a module’s exports', () => {
    expect([...catalogue.keys()].sort()).toEqual([Everyone.type, Requested.type, Opened.type]);
  });

  it('shows public events to anyone, signed in or not', () => {
    const opened = envelope(Opened.type, { resourceId: 'r1' });
    expect(visibleEvent(opened, catalogue, undefined)?.data).toEqual({ resourceId: 'r1' });
    expect(visibleEvent(opened, catalogue, person('u9'))).toBeDefined();
  });

  it('shows a personal event only to its audience', () => {
    expect(visibleEvent(requested, catalogue, undefined)).toBeUndefined();
    expect(visibleEvent(requested, catalogue, person('u2'))).toBeUndefined();
    expect(visibleEvent(requested, catalogue, person('u1'))?.data).toMatchObject({
      bookingId: 'b1',
    });
  });

  it('needs every field of a grant to match', () => {
    const manager = (unitId: string) => person('m', { roles: ['resource-manager'], unitId });
    expect(visibleEvent(requested, catalogue, manager(UNIT))).toBeDefined();
    expect(visibleEvent(requested, catalogue, manager(OTHER_UNIT))).toBeUndefined();
    // A researcher of the owning unit is not one of its managers.
    expect(visibleEvent(requested, catalogue, person('r', { unitId: UNIT }))).toBeUndefined();
    // Admins see other people's events only where the producer names them.
    expect(visibleEvent(requested, catalogue, person('a', { roles: ['admin'] }))).toBeUndefined();
  });

  it('shows no one an unknown type, a malformed envelope, bad data or an empty grant', () => {
    const u1 = person('u1');
    expect(visibleEvent(envelope('resources.evt.x.v1', {}), catalogue, u1)).toBeUndefined();
    expect(visibleEvent({ type: Opened.type }, catalogue, undefined)).toBeUndefined();
    expect(
      visibleEvent(envelope(Requested.type, { bookingId: 'b1' }), catalogue, u1),
    ).toBeUndefined();
    expect(visibleEvent(envelope(Everyone.type, {}), catalogue, u1)).toBeUndefined();
  });
});

describe('stream positions (SSE ids)', () => {
  it('round-trips through Last-Event-ID', () => {
    const position = { resources: 12, triage: 0, housing: 7 };
    expect(formatPosition(position)).toBe('resources:12,triage:0,housing:7');
    expect(parsePosition(formatPosition(position))).toEqual(position);
    expect(parsePosition('triage:3')).toEqual({ triage: 3 });
  });

  it('rejects an id it did not send', () => {
    for (const id of ['12', 'resources:x', 'nats:1', 'resources:1,resources:2']) {
      expect(() => parsePosition(id)).toThrow(/Last-Event-ID/);
    }
  });
});
