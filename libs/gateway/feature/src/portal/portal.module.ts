import { Module } from '@nestjs/common';
import { PortalOverviewController, PortalOverviewService } from './portal-overview.js';

/** What the portal page reads besides the catalogue: the cross-service overview. */
@Module({ controllers: [PortalOverviewController], providers: [PortalOverviewService] })
export class PortalModule {}
