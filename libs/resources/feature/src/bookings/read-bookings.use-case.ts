import { Injectable } from '@nestjs/common';
import type { Identity, Page } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import type { Booking, BookingQuery, BookingWithHistory } from '@gm/resources-contracts';
import {
  findBooking,
  findBookingPage,
  listBookingHistory,
  type BookingScope,
} from '@gm/resources-data-access';
import { InjectResourcesDatabase, type ResourcesDatabase } from '../database.js';
import { canSeeBooking } from './authorisation.js';
import { toBooking, toHistoryEntry } from './booking.mapper.js';

/** Researchers see their own bookings, managers their unit's resources', admins all. */
@Injectable()
export class ReadBookingsUseCase {
  constructor(@InjectResourcesDatabase() private readonly database: ResourcesDatabase) {}

  async list(identity: Identity, query: BookingQuery): Promise<Page<Booking>> {
    const { page, pageSize, resourceId, status } = query;
    const { rows, total } = await findBookingPage(
      this.database.db,
      scopeOf(identity),
      { resourceId, status },
      { limit: pageSize, offset: (page - 1) * pageSize },
    );
    return { items: rows.map(toBooking), page, pageSize, total };
  }

  async get(identity: Identity, id: string): Promise<BookingWithHistory> {
    const booking = await findBooking(this.database.db, id);
    if (!booking) throw AppError.notFound('booking', id);
    if (!canSeeBooking(identity, booking)) {
      throw AppError.forbidden('this booking is neither yours nor your unit’s resource');
    }
    const history = await listBookingHistory(this.database.db, id);
    return { ...toBooking(booking), history: history.map(toHistoryEntry) };
  }
}

function scopeOf(identity: Identity): BookingScope {
  if (identity.roles.includes('admin')) return { all: true };
  return {
    requesterId: identity.id,
    ownerUnitId:
      identity.roles.includes('resource-manager') && identity.unitId ? identity.unitId : undefined,
  };
}
