import { Controller } from '@nestjs/common';
import { RpcHandler, requireRole, type RpcCallContext } from '@gm/shared-messaging';
import type { Page } from '@gm/shared-contracts';
import {
  ApproveBooking,
  CancelBooking,
  CreateBooking,
  GetBooking,
  ListBookings,
  RejectBooking,
  ScheduleMaintenance,
  type Booking,
  type BookingQuery,
  type BookingRef,
  type BookingWithHistory,
  type CancelBookingInput,
  type CreateBookingInput,
  type MaintenanceWindow,
  type RejectBookingInput,
  type ScheduleMaintenanceInput,
} from '@gm/resources-contracts';
import { ChangeBookingUseCase } from '../bookings/change-booking.use-case.js';
import { CreateBookingUseCase } from '../bookings/create-booking.use-case.js';
import { ReadBookingsUseCase } from '../bookings/read-bookings.use-case.js';
import { ScheduleMaintenanceUseCase } from '../calendar/schedule-maintenance.use-case.js';

/** Bookings and maintenance over NATS: every call carries a verified identity; use cases authorise. */
@Controller()
export class BookingsController {
  constructor(
    private readonly create: CreateBookingUseCase,
    private readonly read: ReadBookingsUseCase,
    private readonly change: ChangeBookingUseCase,
    private readonly maintenance: ScheduleMaintenanceUseCase,
  ) {}

  @RpcHandler(CreateBooking)
  createBooking(input: CreateBookingInput, ctx: RpcCallContext): Promise<Booking> {
    return this.create.execute(requireRole(ctx, 'researcher'), input);
  }

  @RpcHandler(ListBookings)
  listBookings(query: BookingQuery, ctx: RpcCallContext): Promise<Page<Booking>> {
    return this.read.list(requireRole(ctx), query);
  }

  @RpcHandler(GetBooking)
  getBooking({ id }: BookingRef, ctx: RpcCallContext): Promise<BookingWithHistory> {
    return this.read.get(requireRole(ctx), id);
  }

  @RpcHandler(ApproveBooking)
  approve({ id }: BookingRef, ctx: RpcCallContext): Promise<Booking> {
    return this.change.approve(requireRole(ctx, 'resource-manager'), id);
  }

  @RpcHandler(RejectBooking)
  reject({ id, reason }: RejectBookingInput, ctx: RpcCallContext): Promise<Booking> {
    return this.change.reject(requireRole(ctx, 'resource-manager'), id, reason);
  }

  @RpcHandler(CancelBooking)
  cancel({ id, reason }: CancelBookingInput, ctx: RpcCallContext): Promise<Booking> {
    return this.change.cancel(requireRole(ctx), id, reason);
  }

  @RpcHandler(ScheduleMaintenance)
  scheduleMaintenance(
    input: ScheduleMaintenanceInput,
    ctx: RpcCallContext,
  ): Promise<MaintenanceWindow> {
    return this.maintenance.execute(requireRole(ctx, 'resource-manager'), input);
  }
}
