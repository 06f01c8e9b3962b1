import { Controller } from '@nestjs/common';
import { RpcHandler, requireRole, type RpcCallContext } from '@gm/shared-messaging';
import {
  SimulateAllocation,
  type SimulationRequest,
  type SimulationResult,
} from '@gm/housing-contracts';
import { SimulateAllocationUseCase } from '../use-cases/simulate-allocation.use-case.js';

@Controller()
export class HousingSimulationController {
  constructor(private readonly simulate: SimulateAllocationUseCase) {}

  @RpcHandler(SimulateAllocation)
  run(request: SimulationRequest, ctx: RpcCallContext): SimulationResult {
    return this.simulate.execute(requireRole(ctx, 'housing-officer'), request);
  }
}
