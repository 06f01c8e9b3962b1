import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppError } from '@gm/shared-errors';
import type { GatewayConfig } from './config/gateway-config.js';
import { GatewayModule } from './gateway.module.js';
import { registerPortal } from './portal/portal-static.js';

// Probes and scrapes are never rate-limited: a busy gateway must not look dead to Kubernetes.
const UNLIMITED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export interface GatewayAppOptions {
  logger?: LoggerService;
}

/**
 * Creates the gateway application, ready to `listen`: Fastify with the body limit, security
 * headers, CORS, rate limit and the portal's static files around the Nest modules.
 */
export async function createGatewayApp(
  config: GatewayConfig,
  options: GatewayAppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    return503OnClosing: true,
    trustProxy: config.TRUST_PROXY,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.forRoot(config),
    adapter,
    {
      logger: options.logger,
      bufferLogs: options.logger !== undefined,
    },
  );
  await app.register(helmet, {
    contentSecurityPolicy: {
      // The portal loads only its own files; plain-HTTP local starts must not be upgraded to HTTPS.
      directives: { defaultSrc: ["'self'"], upgradeInsecureRequests: null },
    },
  });
  if (config.CORS_ORIGINS.length > 0) {
    await app.register(cors, {
      origin: config.CORS_ORIGINS.includes('*') ? true : config.CORS_ORIGINS,
    });
  }
  if (config.RATE_LIMIT_PER_MINUTE > 0) {
    await app.register(rateLimit, {
      max: config.RATE_LIMIT_PER_MINUTE,
      timeWindow: '1 minute',
      allowList: (request) => UNLIMITED_PATHS.has(request.url.split('?')[0] ?? ''),
      errorResponseBuilder: (_request, context) =>
        new AppError(
          'rate-limited',
          `at most ${context.max} requests per minute; retry in ${context.after}`,
        ),
    });
  }
  if (config.PORTAL_DIR) await registerPortal(app, config.PORTAL_DIR);
  app.enableShutdownHooks();
  return app;
}
