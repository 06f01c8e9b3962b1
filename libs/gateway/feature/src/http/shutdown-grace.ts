import type { Server } from 'node:http';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { GatewayConfig } from '../config/gateway-config.js';
import { GATEWAY_CONFIG } from '../config/tokens.js';

/**
 * Bounds a graceful shutdown: on a signal the HTTP server stops accepting and waits for the
 * requests in flight, but only for SHUTDOWN_GRACE_MS; then the connections still open are cut so
 * NATS can drain and the process exit before the orchestrator kills it.
 */
@Injectable()
export class ShutdownGrace implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ShutdownGrace.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  beforeApplicationShutdown(signal?: string): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!signal || !server) return;
    const grace = this.config.SHUTDOWN_GRACE_MS;
    this.logger.log(`${signal}: finishing requests in flight (at most ${grace} ms)`);
    const timer = setTimeout(() => {
      this.logger.warn('shutdown grace period over: closing the connections still open');
      server.closeAllConnections();
    }, grace);
    timer.unref();
    server.once('close', () => clearTimeout(timer));
  }
}
