import { Body, Controller, Header, HttpCode, Post } from '@nestjs/common';
import {
  SimulateAllocation,
  SimulationRequestSchema,
  SimulationResultSchema,
  type SimulationRequest,
  type SimulationResult,
} from '@gm/housing-contracts';
import { RpcClient } from '@gm/shared-messaging';
import { Auth, CurrentCaller, type Caller } from '../auth/auth.guard.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';

/** Allocation simulations (housing service): policy trials and independent replay of results. */
@Controller('api/housing')
@Auth()
export class HousingSimulationController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('simulations')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @ApiDoc({
    summary:
      'Run an allocation mechanism on a posted problem (housing officer); no state changes, same input → same bytes and digest',
    tag: 'housing',
    auth: 'required',
    body: SimulationRequestSchema,
    response: SimulationResultSchema,
    errors: [401, 403, 413, 503],
  })
  simulate(
    @CurrentCaller() caller: Caller,
    @Body(new ZodValidationPipe(SimulationRequestSchema, 'body')) input: SimulationRequest,
  ): Promise<SimulationResult> {
    return this.rpc.call(SimulateAllocation, input, { token: caller.token });
  }
}
