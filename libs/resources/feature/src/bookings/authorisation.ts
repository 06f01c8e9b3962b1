import type { Identity } from '@gm/shared-contracts';

const isAdmin = (identity: Identity) => identity.roles.includes('admin');

/** The owning unit's resource manager, or an admin. */
export function managesUnit(identity: Identity, unitId: string): boolean {
  return (
    isAdmin(identity) || (identity.roles.includes('resource-manager') && identity.unitId === unitId)
  );
}

/** The requester, the owning unit's manager, or an admin. */
export function canSeeBooking(
  identity: Identity,
  booking: { requester_id: string; unit_id: string },
): boolean {
  return booking.requester_id === identity.id || managesUnit(identity, booking.unit_id);
}
