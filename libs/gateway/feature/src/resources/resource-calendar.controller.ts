import { Body, Controller, Get, Header, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import {
  AvailabilityQuerySchema,
  AvailabilitySchema,
  FindFreeResources,
  FreeResourceSchema,
  FreeSearchSchema,
  CalendarFeedQuerySchema,
  GetAvailability,
  GetCalendarFeed,
  MaintenanceRequestSchema,
  MaintenanceWindowSchema,
  ResourceRefSchema,
  ScheduleMaintenance,
  ScheduleMaintenanceSchema,
  TimeRangeSchema,
  type Availability,
  type FreeResource,
  type FreeSearch,
  type MaintenanceWindow,
} from '@gm/resources-contracts';
import { RpcClient } from '@gm/shared-messaging';
import { Auth, CurrentCaller, type Caller } from '../auth/auth.guard.js';
import { ZodValidationPipe, parseInput } from '../http/zod-validation.pipe.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';

/** A resource's calendar: busy times and free search (public), maintenance (its manager). */
@Controller('api/resources')
export class ResourceCalendarController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('free')
  @ApiDoc({
    summary:
      'Which available resources (filter by category or unit) have `minutes` free in one piece between from and to',
    tag: 'resources',
    query: FreeSearchSchema,
    response: z.object({ items: z.array(FreeResourceSchema) }),
    errors: [503],
  })
  free(
    @Query(new ZodValidationPipe(FreeSearchSchema, 'query')) query: FreeSearch,
  ): Promise<{ items: FreeResource[] }> {
    return this.rpc.call(FindFreeResources, query);
  }

  @Get(':id/availability')
  @ApiDoc({
    summary: 'The busy times of a resource between from and to: bookings and maintenance',
    tag: 'resources',
    params: ResourceRefSchema,
    query: TimeRangeSchema,
    response: AvailabilitySchema,
    errors: [404, 503],
  })
  availability(@Param('id') id: string, @Query() query: unknown): Promise<Availability> {
    const range = typeof query === 'object' && query !== null ? query : {};
    return this.rpc.call(
      GetAvailability,
      parseInput(AvailabilityQuerySchema, { ...range, id }, 'query'),
    );
  }

  @Get(':id/calendar.ics')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @ApiDoc({
    summary:
      'RFC 5545 feed of the busy times (30 days back, 180 ahead): one VEVENT per booking ("Busy") or maintenance window ("Maintenance"), no personal data',
    tag: 'resources',
    params: ResourceRefSchema,
    response: z.string(),
    responseType: 'text/calendar',
    errors: [404, 503],
  })
  async calendar(@Param('id') id: string): Promise<string> {
    const feed = await this.rpc.call(
      GetCalendarFeed,
      parseInput(CalendarFeedQuerySchema, { id }, 'path'),
    );
    return feed.ics;
  }

  @Post(':id/maintenance')
  @Auth()
  @ApiDoc({
    summary:
      'Block the calendar for maintenance (the owning unit’s manager); overlap with a pending or approved booking → 409',
    tag: 'resources',
    auth: 'required',
    params: ResourceRefSchema,
    body: MaintenanceRequestSchema,
    response: MaintenanceWindowSchema,
    status: 201,
    errors: [401, 403, 404, 409, 503],
  })
  maintenance(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentCaller() caller: Caller,
  ): Promise<MaintenanceWindow> {
    const request = parseInput(MaintenanceRequestSchema, body, 'body');
    return this.rpc.call(
      ScheduleMaintenance,
      parseInput(ScheduleMaintenanceSchema, { ...request, resourceId: id }, 'path'),
      { token: caller.token },
    );
  }
}
