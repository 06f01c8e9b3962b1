import { Controller } from '@nestjs/common';
import { RpcHandler, requireRole, type RpcCallContext } from '@gm/shared-messaging';
import { GetTicketMetrics } from '@gm/triage-contracts';
import type { z } from 'zod';
import { TicketMetricsUseCase } from '../metrics/ticket-metrics.use-case.js';

/** The departments' figures; the use case checks who may see which. */
@Controller()
export class MetricsController {
  constructor(private readonly metrics: TicketMetricsUseCase) {}

  @RpcHandler(GetTicketMetrics)
  getMetrics(request: z.output<typeof GetTicketMetrics.request>, ctx: RpcCallContext) {
    return this.metrics.execute(requireRole(ctx), request);
  }
}
