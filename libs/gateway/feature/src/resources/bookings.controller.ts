import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { pageOf, type Page } from '@gm/shared-contracts';
import {
  ApproveBooking,
  BookingQuerySchema,
  BookingRefSchema,
  BookingSchema,
  BookingWithHistorySchema,
  CancelBooking,
  CancelBookingSchema,
  CreateBooking,
  CreateBookingSchema,
  GetBooking,
  ListBookings,
  RejectBooking,
  RejectBookingSchema,
  type Booking,
  type BookingQuery,
  type BookingWithHistory,
} from '@gm/resources-contracts';
import { RpcClient } from '@gm/shared-messaging';
import { Auth, CurrentCaller, type Caller } from '../auth/auth.guard.js';
import { ZodValidationPipe, parseInput } from '../http/zod-validation.pipe.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';

const RejectBodySchema = RejectBookingSchema.omit({ id: true });
const CancelBodySchema = CancelBookingSchema.omit({ id: true });

/** Bookings of shared resources; the resources service authorises every call from the token. */
@Controller('api/bookings')
@Auth()
export class BookingsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @ApiDoc({
    summary:
      'Request a booking: 201 pending (or approved where no approval is needed); 400 names each broken policy rule with its limit; 409 booking-overlap',
    tag: 'bookings',
    auth: 'required',
    body: CreateBookingSchema,
    response: BookingSchema,
    status: 201,
    errors: [401, 403, 404, 409, 503],
  })
  create(@Body() body: unknown, @CurrentCaller() caller: Caller): Promise<Booking> {
    return this.rpc.call(CreateBooking, parseInput(CreateBookingSchema, body, 'body'), {
      token: caller.token,
    });
  }

  @Get()
  @ApiDoc({
    summary: "Bookings: a researcher's own, a manager's unit's resources', all for an admin",
    tag: 'bookings',
    auth: 'required',
    query: BookingQuerySchema,
    response: pageOf(BookingSchema),
    errors: [401, 503],
  })
  list(
    @Query(new ZodValidationPipe(BookingQuerySchema, 'query')) query: BookingQuery,
    @CurrentCaller() caller: Caller,
  ): Promise<Page<Booking>> {
    return this.rpc.call(ListBookings, query, { token: caller.token });
  }

  @Get(':id')
  @ApiDoc({
    summary: 'One booking with its history (its requester or the owning unit’s manager)',
    tag: 'bookings',
    auth: 'required',
    params: BookingRefSchema,
    response: BookingWithHistorySchema,
    errors: [401, 403, 404, 503],
  })
  get(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<BookingWithHistory> {
    return this.rpc.call(GetBooking, parseInput(BookingRefSchema, { id }, 'path'), {
      token: caller.token,
    });
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Approve a pending booking (the owning unit’s manager)',
    tag: 'bookings',
    auth: 'required',
    params: BookingRefSchema,
    response: BookingSchema,
    errors: [401, 403, 404, 409, 503],
  })
  approve(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<Booking> {
    return this.rpc.call(ApproveBooking, parseInput(BookingRefSchema, { id }, 'path'), {
      token: caller.token,
    });
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Reject a pending booking with a reason (the owning unit’s manager); frees the slot',
    tag: 'bookings',
    auth: 'required',
    params: BookingRefSchema,
    body: RejectBodySchema,
    response: BookingSchema,
    errors: [401, 403, 404, 409, 503],
  })
  reject(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentCaller() caller: Caller,
  ): Promise<Booking> {
    const { id: bookingId } = parseInput(BookingRefSchema, { id }, 'path');
    const { reason } = parseInput(RejectBodySchema, body ?? {}, 'body');
    return this.rpc.call(RejectBooking, { id: bookingId, reason }, { token: caller.token });
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Cancel a pending or approved booking (its requester or the owning unit’s manager)',
    tag: 'bookings',
    auth: 'required',
    params: BookingRefSchema,
    body: CancelBodySchema,
    response: BookingSchema,
    errors: [401, 403, 404, 409, 503],
  })
  cancel(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentCaller() caller: Caller,
  ): Promise<Booking> {
    const { id: bookingId } = parseInput(BookingRefSchema, { id }, 'path');
    const { reason } = parseInput(CancelBodySchema, body ?? {}, 'body');
    return this.rpc.call(CancelBooking, { id: bookingId, reason }, { token: caller.token });
  }
}
