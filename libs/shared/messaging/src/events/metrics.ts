import { counter, gauge } from '@gm/shared-telemetry';

const backlogProbes = new Set<() => Promise<number>>();

/** Prometheus metrics of durable events, on the process's one registry (served at /metrics). */
export const eventMetrics = {
  outboxBacklog: gauge({
    name: 'gm_outbox_backlog',
    help: 'Events written to the outbox and not yet published to JetStream',
    // Read at scrape time; a database that does not answer leaves the last value.
    async collect() {
      const counts = await Promise.all(
        [...backlogProbes].map((probe) => probe().catch(() => undefined)),
      );
      if (counts.every((n) => n !== undefined))
        this.set(counts.reduce<number>((sum, n) => sum + (n ?? 0), 0));
    },
  }),
  published: counter({
    name: 'gm_events_published_total',
    help: 'Events the outbox relay published to JetStream',
    labelNames: ['type'] as const,
  }),
  consumed: counter({
    name: 'gm_events_consumed_total',
    help: 'Deliveries handled by durable consumers, by outcome',
    labelNames: ['consumer', 'outcome'] as const,
  }),
  consumerPending: gauge({
    name: 'gm_event_consumer_pending',
    help: "Messages waiting for a durable consumer (its lag), as of the consumer's latest delivery",
    labelNames: ['consumer'] as const,
  }),
};

/** Adds a source of the outbox backlog gauge; returns the function that removes it. */
export function addBacklogProbe(probe: () => Promise<number>): () => void {
  backlogProbes.add(probe);
  return () => backlogProbes.delete(probe);
}
