import { describe, expect, it } from '@jest/globals';
import type { Identity } from '@gm/shared-contracts';
import {
  authoriseTicketAction,
  canViewTicket,
  mayActOnTicket,
  ticketScopeOf,
  type TicketAction,
} from './ticket-access.js';

const HOUSING = '00000000-0000-4000-8000-000000000001';
const TRAFFIC = '00000000-0000-4000-8000-000000000002';
const SCIENCE = '00000000-0000-4000-8000-000000000003';

const talent: Identity = { id: 'u-talent', username: 'talent1', roles: ['talent'] };
const other: Identity = { id: 'u-other', username: 'talent2', roles: ['talent'] };
const convener: Identity = { id: 'u-conv', username: 'convener1', roles: ['convener'] };
const housingOfficer: Identity = {
  id: 'u-ho',
  username: 'officer.housing',
  roles: ['department-officer'],
  departmentId: HOUSING,
};
const trafficOfficer: Identity = { ...housingOfficer, id: 'u-to', departmentId: TRAFFIC };
const scienceOfficer: Identity = { ...housingOfficer, id: 'u-so', departmentId: SCIENCE };

const ticket = {
  id: 't1',
  requesterId: talent.id,
  departmentId: HOUSING,
  assistingDepartmentIds: [SCIENCE],
};

describe('ticket access', () => {
  it('lets the requester, its departments and conveners see it, nobody else', () => {
    expect(canViewTicket(talent, ticket)).toBe(true);
    expect(canViewTicket(convener, ticket)).toBe(true);
    expect(canViewTicket(housingOfficer, ticket)).toBe(true);
    expect(canViewTicket(scienceOfficer, ticket)).toBe(true);
    expect(canViewTicket(other, ticket)).toBe(false);
    expect(canViewTicket(trafficOfficer, ticket)).toBe(false);
  });

  const table: [TicketAction, Identity, boolean][] = [
    ['assign', convener, true],
    ['assign', housingOfficer, false],
    ['review-return', convener, true],
    ['merge', talent, false],
    ['accept', housingOfficer, true],
    ['accept', scienceOfficer, false],
    ['accept', convener, false],
    ['return', housingOfficer, true],
    ['resolve', housingOfficer, true],
    ['resolve', talent, false],
    ['confirm', talent, true],
    ['confirm', housingOfficer, false],
    ['confirm', convener, false],
    ['contact', housingOfficer, true],
    ['contact', scienceOfficer, false],
    ['contact', talent, false],
    ['resolve-item', housingOfficer, true],
    ['resolve-item', scienceOfficer, false],
    ['resolve-item', convener, false],
    // 并单 suggestions: conveners and the ticket's departments, lead or assisting; not the requester.
    ['view-duplicates', convener, true],
    ['view-duplicates', housingOfficer, true],
    ['view-duplicates', scienceOfficer, true],
    ['view-duplicates', talent, false],
    ['dismiss-duplicate', convener, true],
    ['dismiss-duplicate', housingOfficer, false],
  ];
  it.each(table)('%s by %o: %s', (action, identity, allowed) => {
    expect(mayActOnTicket(identity, action, ticket)).toBe(allowed);
  });

  it('hides tickets of others as not found and refuses visible ones as forbidden', () => {
    expect(() => authoriseTicketAction(other, 'confirm', ticket)).toThrow(
      expect.objectContaining({ code: 'not-found' }),
    );
    expect(() => authoriseTicketAction(scienceOfficer, 'resolve', ticket)).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
    expect(() => authoriseTicketAction(housingOfficer, 'resolve', ticket)).not.toThrow();
  });

  it('narrows lists by role', () => {
    expect(ticketScopeOf(convener)).toEqual({ kind: 'all' });
    expect(ticketScopeOf(housingOfficer)).toMatchObject({
      kind: 'department',
      departmentId: HOUSING,
    });
    expect(ticketScopeOf(talent)).toEqual({ kind: 'requester', requesterId: talent.id });
  });
});
