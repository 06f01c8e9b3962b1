import { Module } from '@nestjs/common';
import { BookingsController } from './bookings.controller.js';
import { ResourceAccessController } from './resource-access.controller.js';
import { ResourceCalendarController } from './resource-calendar.controller.js';

/** Bookings and resource calendars (needs RpcClient from the root module, AuthService from auth). */
@Module({
  controllers: [BookingsController, ResourceCalendarController, ResourceAccessController],
})
export class ResourcesHttpModule {}
