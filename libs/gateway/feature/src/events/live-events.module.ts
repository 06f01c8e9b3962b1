import { Module } from '@nestjs/common';
import { LiveEventsController } from './live-events.controller.js';
import { LiveEventsHub, eventCatalogueProvider } from './live-events.hub.js';

/** `GET /api/events/stream`: the services' JetStream events, live, filtered per caller. */
@Module({
  controllers: [LiveEventsController],
  providers: [LiveEventsHub, eventCatalogueProvider],
  exports: [LiveEventsHub],
})
export class LiveEventsModule {}
