import { hasRole, type Identity, type Role } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';

/** Who a ticket belongs to, as far as access goes. */
export interface TicketParties {
  requesterId: string;
  departmentId: string | null;
  assistingDepartmentIds: readonly string[];
}

export type TicketAction =
  | 'view'
  | 'assign'
  | 'accept'
  | 'contact'
  | 'return'
  | 'review-return'
  | 'resolve'
  | 'resolve-item'
  | 'confirm'
  | 'merge'
  | 'view-duplicates'
  | 'dismiss-duplicate'
  | 'request-extension'
  | 'review-extension';

/** Roles that may raise a ticket. */
export const REQUESTER_ROLES: readonly Role[] = ['researcher', 'enterprise', 'talent'];

const CONVENER_ACTIONS: readonly TicketAction[] = [
  'assign',
  'review-return',
  'merge',
  'dismiss-duplicate',
  'review-extension',
];
const LEAD_DEPARTMENT_ACTIONS: readonly TicketAction[] = [
  'accept',
  'contact',
  'return',
  'resolve',
  'resolve-item',
  'request-extension',
];

const isConvener = (identity: Identity) => hasRole(identity, 'convener');

const isOfficerOf = (identity: Identity, departmentId: string | null) =>
  departmentId !== null &&
  identity.roles.includes('department-officer') &&
  identity.departmentId === departmentId;

/** Requesters see their own tickets; officers their department's (lead or assisting); conveners all. */
export function canViewTicket(identity: Identity, ticket: TicketParties): boolean {
  if (isConvener(identity)) return true;
  if (ticket.requesterId === identity.id) return true;
  return (
    isOfficerOf(identity, ticket.departmentId) ||
    ticket.assistingDepartmentIds.some((id) => isOfficerOf(identity, id))
  );
}

/** May `identity` do `action` on this ticket? */
export function mayActOnTicket(
  identity: Identity,
  action: TicketAction,
  ticket: TicketParties,
): boolean {
  if (action === 'view') return canViewTicket(identity, ticket);
  // 并单 suggestions: the conveners who merge, and the departments working on the ticket.
  if (action === 'view-duplicates') {
    return (
      isConvener(identity) ||
      isOfficerOf(identity, ticket.departmentId) ||
      ticket.assistingDepartmentIds.some((id) => isOfficerOf(identity, id))
    );
  }
  if (CONVENER_ACTIONS.includes(action)) return isConvener(identity);
  if (LEAD_DEPARTMENT_ACTIONS.includes(action)) {
    return isOfficerOf(identity, ticket.departmentId) || hasRole(identity, 'admin');
  }
  // confirm: only the requester judges the answer to their own problem.
  return ticket.requesterId === identity.id;
}

/**
 * Throws `forbidden` unless `identity` may do `action`. A caller who may not even see the
 * ticket gets `not-found`, so ticket ids of others are not disclosed.
 */
export function authoriseTicketAction(
  identity: Identity,
  action: TicketAction,
  ticket: TicketParties & { id: string },
): void {
  if (!canViewTicket(identity, ticket)) throw AppError.notFound('ticket', ticket.id);
  if (!mayActOnTicket(identity, action, ticket)) {
    throw AppError.forbidden(`you may not ${action} this ticket`);
  }
}

/** What a ticket list is narrowed to for this caller. */
export type TicketScope =
  | { kind: 'all' }
  | { kind: 'requester'; requesterId: string }
  | { kind: 'department'; departmentId: string; requesterId: string };

export function ticketScopeOf(identity: Identity): TicketScope {
  if (isConvener(identity)) return { kind: 'all' };
  if (identity.roles.includes('department-officer') && identity.departmentId) {
    return { kind: 'department', departmentId: identity.departmentId, requesterId: identity.id };
  }
  return { kind: 'requester', requesterId: identity.id };
}
