import { Controller } from '@nestjs/common';
import { RpcHandler, requireRole, type RpcCallContext } from '@gm/shared-messaging';
import {
  Open311GetServiceDefinition,
  Open311ListRequests,
  Open311ListUpdates,
  Open311PostRequest,
  Open311RequestByToken,
  Open311Services,
} from '@gm/triage-contracts';
import type { z } from 'zod';
import { Open311UseCase } from './open311.use-case.js';

type Req<C extends { request: z.ZodType }> = z.output<C['request']>;

/** Open311 GeoReport v2 RPCs: reads are public (no personal data); posting needs a requester. */
@Controller()
export class Open311Controller {
  constructor(private readonly open311: Open311UseCase) {}

  @RpcHandler(Open311Services, { auth: 'optional' })
  services() {
    return this.open311.services();
  }

  @RpcHandler(Open311GetServiceDefinition, { auth: 'optional' })
  definition(request: Req<typeof Open311GetServiceDefinition>) {
    return this.open311.definition(request.service_code);
  }

  @RpcHandler(Open311ListRequests, { auth: 'optional' })
  requests(request: Req<typeof Open311ListRequests>) {
    return this.open311.requests(request);
  }

  @RpcHandler(Open311PostRequest)
  post(request: Req<typeof Open311PostRequest>, ctx: RpcCallContext) {
    return this.open311.create(requireRole(ctx), request);
  }

  @RpcHandler(Open311RequestByToken, { auth: 'optional' })
  byToken(request: Req<typeof Open311RequestByToken>) {
    return this.open311.byToken(request.token);
  }

  @RpcHandler(Open311ListUpdates, { auth: 'optional' })
  updates(request: Req<typeof Open311ListUpdates>) {
    return this.open311.updates(request);
  }
}
