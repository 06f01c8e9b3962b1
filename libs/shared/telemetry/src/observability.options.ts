export interface ObservabilityOptions {
  /** The `service` label on every metric. */
  service: string;
}

export const OBSERVABILITY_OPTIONS = Symbol('OBSERVABILITY_OPTIONS');

/** The routes ObservabilityModule serves; exclude them from a global prefix. */
export const OBSERVABILITY_PATHS = ['healthz', 'readyz', 'metrics'];
