import { Injectable } from '@nestjs/common';
import { hasRole, type Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { allocate } from '@gm/housing-domain';
import type { SimulationRequest, SimulationResult } from '@gm/housing-contracts';

/**
 * Runs the allocation engine on a posted problem, for policy trials and independent replay. Pure:
 * no state is read or written, so the same request always gets the same bytes.
 */
@Injectable()
export class SimulateAllocationUseCase {
  execute(identity: Identity, request: SimulationRequest): SimulationResult {
    if (!hasRole(identity, 'housing-officer')) {
      throw AppError.forbidden('only housing officers run allocation simulations');
    }
    return allocate(request.method, request);
  }
}
