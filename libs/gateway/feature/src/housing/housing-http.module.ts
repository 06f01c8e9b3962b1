import { Module } from '@nestjs/common';
import { HousingApplicationsController } from './housing-applications.controller.js';
import { HousingPublicController } from './housing-public.controller.js';
import { HousingReviewsController } from './housing-reviews.controller.js';
import { HousingSimulationController } from './housing-simulation.controller.js';
import { HousingStockController } from './housing-stock.controller.js';

/** Talent housing over the housing service's RPC (needs RpcClient from the root module). */
@Module({
  controllers: [
    HousingSimulationController,
    HousingPublicController,
    HousingApplicationsController,
    HousingReviewsController,
    HousingStockController,
  ],
})
export class HousingHttpModule {}
