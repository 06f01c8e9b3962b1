import { Controller } from '@nestjs/common';
import { RpcHandler } from '@gm/shared-messaging';
import {
  FindFreeResources,
  GetAvailability,
  GetCalendarFeed,
  type Availability,
  type CalendarFeed,
  type CalendarFeedQuery,
  type AvailabilityQuery,
  type FreeResource,
  type FreeSearch,
} from '@gm/resources-contracts';
import { AvailabilityUseCase } from '../calendar/availability.use-case.js';
import { CalendarFeedUseCase } from '../calendar/calendar-feed.use-case.js';

/** Busy times and free search: public, they name nobody. */
@Controller()
export class CalendarController {
  constructor(
    private readonly availability: AvailabilityUseCase,
    private readonly feed: CalendarFeedUseCase,
  ) {}

  @RpcHandler(GetCalendarFeed, { auth: 'optional' })
  calendar({ id }: CalendarFeedQuery): Promise<CalendarFeed> {
    return this.feed.execute(id);
  }

  @RpcHandler(GetAvailability, { auth: 'optional' })
  busy(query: AvailabilityQuery): Promise<Availability> {
    return this.availability.busy(query);
  }

  @RpcHandler(FindFreeResources, { auth: 'optional' })
  free(search: FreeSearch): Promise<{ items: FreeResource[] }> {
    return this.availability.free(search);
  }
}
