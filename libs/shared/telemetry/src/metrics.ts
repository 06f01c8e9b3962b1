import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
} from 'prom-client';

export type { Counter, Gauge, Histogram } from 'prom-client';

/** The process's one Prometheus registry: GET /metrics serves it; every module registers on it. */
export const metricsRegistry = new Registry();

let processMetricsCollected = false;

/** Labels every metric with `service` and starts the default process metrics (once). */
export function useMetricsService(service: string): void {
  metricsRegistry.setDefaultLabels({ service });
  if (!processMetricsCollected) {
    collectDefaultMetrics({ register: metricsRegistry });
    processMetricsCollected = true;
  }
}

// The helpers below return the metric already registered under the name: a Nest module can be
// instantiated more than once per process (tests, hybrid apps), and prom-client throws on a
// second registration of one name.

export function counter<L extends string>(config: CounterConfiguration<L>): Counter<L> {
  return (
    registered<Counter<L>>(config.name, Counter) ??
    new Counter({ ...config, registers: [metricsRegistry] })
  );
}

export function gauge<L extends string>(config: GaugeConfiguration<L>): Gauge<L> {
  return (
    registered<Gauge<L>>(config.name, Gauge) ??
    new Gauge({ ...config, registers: [metricsRegistry] })
  );
}

export function histogram<L extends string>(config: HistogramConfiguration<L>): Histogram<L> {
  return (
    registered<Histogram<L>>(config.name, Histogram) ??
    new Histogram({ ...config, registers: [metricsRegistry] })
  );
}

function registered<M>(name: string, type: abstract new (...args: never[]) => M): M | undefined {
  const existing = metricsRegistry.getSingleMetric(name);
  if (existing === undefined) return undefined;
  if (existing instanceof type) return existing;
  throw new Error(`metric ${name} is already registered with another type`);
}
