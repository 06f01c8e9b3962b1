import { Module } from '@nestjs/common';
import { HousingSimulationController } from './housing-simulation.controller.js';

/** Talent housing over the housing service's RPC (needs RpcClient from the root module). */
@Module({ controllers: [HousingSimulationController] })
export class HousingHttpModule {}
