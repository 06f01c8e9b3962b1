import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { histogram, useMetricsService } from './metrics.js';
import {
  OBSERVABILITY_OPTIONS,
  OBSERVABILITY_PATHS,
  type ObservabilityOptions,
} from './observability.options.js';

/** Route label of requests that matched no route, so unknown paths cannot explode the label set. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Request rate is `rate(…_count)`, latency the buckets; labelled by route template and status. */
export function httpRequestDuration() {
  return histogram({
    name: 'http_server_request_duration_seconds',
    help: 'Duration of HTTP requests served, by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
}

const PROBE_ROUTES = new Set(OBSERVABILITY_PATHS.map((path) => `/${path}`));

// Hooks stay per Fastify instance: a second ObservabilityModule must not count requests twice.
const instrumented = new WeakSet<FastifyInstance>();

/** Labels metrics with the service and measures every HTTP request with a Fastify hook. */
@Injectable()
export class HttpMetrics implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ObservabilityOptions,
  ) {}

  onModuleInit(): void {
    useMetricsService(this.options.service);
    const adapter = this.adapterHost.httpAdapter;
    // A microservice-only context has no HTTP server to measure.
    if (!adapter) return;
    if (adapter.getType() !== 'fastify') {
      throw new Error(
        `ObservabilityModule measures HTTP on Fastify only, not on ${adapter.getType()}`,
      );
    }
    this.measure(adapter.getInstance<FastifyInstance>());
  }

  // A Fastify hook rather than a Nest interceptor: it also sees 404s and requests that a
  // guard or a filter answered. Root hooks apply to every route once Fastify is ready.
  private measure(fastify: FastifyInstance): void {
    if (instrumented.has(fastify)) return;
    instrumented.add(fastify);
    const duration = httpRequestDuration();
    fastify.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
      if (!PROBE_ROUTES.has(route)) {
        duration.observe(
          { method: request.method, route, status_code: String(reply.statusCode) },
          reply.elapsedTime / 1000,
        );
      }
      done();
    });
  }
}
