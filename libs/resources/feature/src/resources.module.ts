import { type DynamicModule, Module } from '@nestjs/common';
import { ChangeBookingUseCase } from './bookings/change-booking.use-case.js';
import { CompleteEndedBookingsUseCase } from './bookings/complete-bookings.use-case.js';
import { CompletionSweeper } from './bookings/completion-sweeper.js';
import { CreateBookingUseCase } from './bookings/create-booking.use-case.js';
import { ReadBookingsUseCase } from './bookings/read-bookings.use-case.js';
import { AvailabilityUseCase } from './calendar/availability.use-case.js';
import { CalendarFeedUseCase } from './calendar/calendar-feed.use-case.js';
import { ScheduleMaintenanceUseCase } from './calendar/schedule-maintenance.use-case.js';
import { BookingsController } from './rpc/bookings.controller.js';
import { CalendarController } from './rpc/calendar.controller.js';
import { CatalogueController } from './rpc/catalogue.controller.js';
import { AccessController } from './rpc/qualifications.controller.js';
import { ResourceManagementController } from './rpc/resource-management.controller.js';
import { ResourceCache } from './catalogue/resource-cache.js';
import { UpdateResourceUseCase } from './catalogue/update-resource.use-case.js';
import { UtilisationStatsUseCase } from './catalogue/utilisation-stats.use-case.js';
import { QualificationsUseCase } from './qualifications/qualifications.use-case.js';
import { ExpireHoldsUseCase } from './waitlist/expire-holds.use-case.js';
import { HoldExpirySweeper } from './waitlist/hold-expiry-sweeper.js';
import { WaitlistHolds } from './waitlist/waitlist-holds.js';
import { WaitlistUseCase } from './waitlist/waitlist.use-case.js';
import {
  DemoSeedRunner,
  RESOURCES_MODULE_OPTIONS,
  type ResourcesModuleOptions,
} from './seed/demo-seed.runner.js';
import { GetResourceUseCase } from './use-cases/get-resource.use-case.js';
import { GetResourcesOverviewUseCase } from './use-cases/get-resources-overview.use-case.js';
import { ListResourcesUseCase } from './use-cases/list-resources.use-case.js';
import { ListUnitsUseCase } from './use-cases/list-units.use-case.js';
import { SeedDemoCatalogueUseCase } from './use-cases/seed-demo-catalogue.use-case.js';

const USE_CASES = [
  ListUnitsUseCase,
  ListResourcesUseCase,
  GetResourceUseCase,
  GetResourcesOverviewUseCase,
  SeedDemoCatalogueUseCase,
  CreateBookingUseCase,
  ReadBookingsUseCase,
  ChangeBookingUseCase,
  CompleteEndedBookingsUseCase,
  ScheduleMaintenanceUseCase,
  AvailabilityUseCase,
  QualificationsUseCase,
  WaitlistUseCase,
  CalendarFeedUseCase,
  ExpireHoldsUseCase,
  UpdateResourceUseCase,
  UtilisationStatsUseCase,
];

/**
 * The resources service: catalogue, bookings and calendar use cases and their NATS handlers.
 * Needs the global DATABASE (DatabaseModule with `resourcesMigrations`), RPC_TOKEN_VERIFIER
 * (RpcModule) and `Outbox` (EventsModule).
 */
@Module({})
export class ResourcesModule {
  static forRoot(options: ResourcesModuleOptions): DynamicModule {
    return {
      module: ResourcesModule,
      controllers: [
        CatalogueController,
        BookingsController,
        CalendarController,
        AccessController,
        ResourceManagementController,
      ],
      providers: [
        { provide: RESOURCES_MODULE_OPTIONS, useValue: options },
        DemoSeedRunner,
        CompletionSweeper,
        HoldExpirySweeper,
        WaitlistHolds,
        ResourceCache,
        ...USE_CASES,
      ],
      exports: USE_CASES,
    };
  }
}
