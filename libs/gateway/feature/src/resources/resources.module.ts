import { Module } from '@nestjs/common';
import { BookingsController } from './bookings.controller.js';
import { ResourceAccessController } from './resource-access.controller.js';
import { ResourceCalendarController } from './resource-calendar.controller.js';
import { ResourceManagementController } from './resource-management.controller.js';

/** Bookings, resource calendars, editing and utilisation (needs RpcClient from the root module, AuthService from auth). */
@Module({
  controllers: [
    BookingsController,
    ResourceCalendarController,
    ResourceAccessController,
    ResourceManagementController,
  ],
})
export class ResourcesHttpModule {}
