import type { Booking, BookingEventData, BookingHistoryEntry } from '@gm/resources-contracts';
import type { BookingHistoryRow, BookingView } from '@gm/resources-data-access';

export function toBooking(view: BookingView): Booking {
  return {
    id: view.id,
    resourceId: view.resource_id,
    resourceCode: view.resource_code,
    unitId: view.unit_id,
    requesterId: view.requester_id,
    requesterUnitId: view.requester_unit_id,
    start: view.starts_at.toISOString(),
    end: view.ends_at.toISOString(),
    purpose: view.purpose,
    status: view.status,
    reason: view.reason,
    createdAt: view.created_at.toISOString(),
    updatedAt: view.updated_at.toISOString(),
  };
}

export function toHistoryEntry(row: BookingHistoryRow): BookingHistoryEntry {
  return {
    at: row.at.toISOString(),
    action: row.action,
    actorId: row.actor_id,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    note: row.note,
  };
}

export function toBookingEventData(view: BookingView, actorId: string | null): BookingEventData {
  return {
    bookingId: view.id,
    resourceId: view.resource_id,
    resourceCode: view.resource_code,
    resourceName: view.resource_name,
    resourceNameEn: view.resource_name_en,
    unitId: view.unit_id,
    requesterId: view.requester_id,
    requesterUnitId: view.requester_unit_id,
    start: view.starts_at.toISOString(),
    end: view.ends_at.toISOString(),
    status: view.status,
    actorId,
    reason: view.reason,
  };
}
