import { type DynamicModule, Module } from '@nestjs/common';
import { HttpMetrics } from './http-metrics.js';
import { ObservabilityController } from './observability.controller.js';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from './observability.options.js';
import { ReadinessRegistry } from './readiness.registry.js';

/**
 * GET /healthz, /readyz and /metrics, and HTTP request metrics, for every process (Nest on
 * Fastify). Global, so any module can inject ReadinessRegistry to register its checks.
 */
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      controllers: [ObservabilityController],
      providers: [
        { provide: OBSERVABILITY_OPTIONS, useValue: options },
        ReadinessRegistry,
        HttpMetrics,
      ],
      exports: [ReadinessRegistry],
    };
  }
}
