import { Controller, Get, Inject, Injectable, Logger, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { GetHousingOverview, HousingOverviewSchema } from '@gm/housing-contracts';
import { GetResourcesOverview, ResourcesOverviewSchema } from '@gm/resources-contracts';
import { RpcClient } from '@gm/shared-messaging';
import { GetTriageOverview, TriageOverviewSchema } from '@gm/triage-contracts';
import type { GatewayConfig } from '../config/gateway-config.js';
import { GATEWAY_CONFIG } from '../config/tokens.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';

const PARTS = ['resources', 'triage', 'housing'] as const;
type Part = (typeof PARTS)[number];

/** `GET /api/portal/overview`: each service's figures, or null and its name in `degraded`. */
export const PortalOverviewSchema = z.object({
  resources: ResourcesOverviewSchema.nullable(),
  triage: TriageOverviewSchema.nullable(),
  housing: HousingOverviewSchema.nullable(),
  degraded: z.array(z.enum(PARTS)),
});
export type PortalOverview = z.infer<typeof PortalOverviewSchema>;

/** The overview answers within this even when a service hangs: the portal's first screen waits on it. */
export const OVERVIEW_TIMEOUT_MS = 2_000;

@Injectable()
export class PortalOverviewService {
  private readonly logger = new Logger('PortalOverview');

  constructor(
    private readonly rpc: RpcClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async overview(): Promise<PortalOverview> {
    const timeoutMs = Math.min(this.config.RPC_TIMEOUT_MS, OVERVIEW_TIMEOUT_MS);
    const [resources, triage, housing] = await Promise.all([
      this.figures('resources', () => this.rpc.call(GetResourcesOverview, {}, { timeoutMs })),
      this.figures('triage', () => this.rpc.call(GetTriageOverview, {}, { timeoutMs })),
      this.figures('housing', () => this.rpc.call(GetHousingOverview, {}, { timeoutMs })),
    ]);
    const parts = { resources, triage, housing };
    return { ...parts, degraded: PARTS.filter((part) => parts[part] === null) };
  }

  /** One service's figures; any failure degrades the overview instead of failing it. */
  private async figures<T>(part: Part, call: () => Promise<T>): Promise<T | null> {
    try {
      return await call();
    } catch (error) {
      this.logger.warn(
        `overview without ${part}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return null;
    }
  }
}

@Controller('api/portal')
export class PortalOverviewController {
  constructor(private readonly overviews: PortalOverviewService) {}

  @Get('overview')
  @ApiDoc({
    summary:
      "Figures of all three services; a service that does not answer in time is named in 'degraded'",
    tag: 'portal',
    response: PortalOverviewSchema,
  })
  async overview(@Res({ passthrough: true }) reply: FastifyReply): Promise<PortalOverview> {
    const overview = await this.overviews.overview();
    // A degraded answer must not be cached past the outage.
    reply.header('cache-control', overview.degraded.length ? 'no-store' : 'public, max-age=10');
    return overview;
  }
}
