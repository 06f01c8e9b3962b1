import { describe, expect, it } from '@jest/globals';
import { counter, gauge, histogram, metricsRegistry, useMetricsService } from './metrics.js';

describe('metrics', () => {
  it('returns the registered metric for a name instead of failing on a second registration', () => {
    const first = counter({
      name: 'spec_events_total',
      help: 'events',
      labelNames: ['kind'] as const,
    });
    const second = counter({
      name: 'spec_events_total',
      help: 'events',
      labelNames: ['kind'] as const,
    });
    expect(second).toBe(first);
  });

  it('refuses one name for two metric types', () => {
    gauge({ name: 'spec_backlog', help: 'backlog' });
    expect(() => histogram({ name: 'spec_backlog', help: 'backlog' })).toThrow(/another type/);
  });

  it('labels every metric with the service and collects process metrics', async () => {
    useMetricsService('spec-service');
    useMetricsService('spec-service');
    counter({ name: 'spec_sent_total', help: 'sent' }).inc(2);
    const text = await metricsRegistry.metrics();
    expect(text).toContain('spec_sent_total{service="spec-service"} 2');
    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="spec-service"\} /m);
  });
});
