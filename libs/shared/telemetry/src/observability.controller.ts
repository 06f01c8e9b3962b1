import { Controller, Get, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { metricsRegistry } from './metrics.js';
import { ReadinessRegistry } from './readiness.registry.js';

// Replies go through the adapter directly, so an app's global interceptors and exception
// filters cannot reshape what probes and the Prometheus scraper read.
@Controller()
export class ObservabilityController {
  constructor(
    private readonly readiness: ReadinessRegistry,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** Alive: answers as long as the process serves HTTP. */
  @Get('healthz')
  healthz(@Res() response: unknown): void {
    this.adapterHost.httpAdapter.reply(response, { status: 'ok' }, 200);
  }

  /** Ready for traffic: every registered check passed within the timeout. */
  @Get('readyz')
  async readyz(@Res() response: unknown): Promise<void> {
    const { ready, checks, failed } = await this.readiness.evaluate();
    const body = ready ? { status: 'ready', checks } : { status: 'not-ready', checks, failed };
    this.adapterHost.httpAdapter.reply(response, body, ready ? 200 : 503);
  }

  @Get('metrics')
  async metrics(@Res() response: unknown): Promise<void> {
    const text = await metricsRegistry.metrics();
    this.adapterHost.httpAdapter.setHeader(response, 'Content-Type', metricsRegistry.contentType);
    this.adapterHost.httpAdapter.reply(response, text, 200);
  }
}
