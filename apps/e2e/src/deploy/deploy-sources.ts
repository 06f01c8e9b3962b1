// Where the deployment lives in the repository, and the chart's values as the tests read them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT, sharedFile } from './manifests.js';
import { APPS, type AppName, type NatsRole } from './platform-rules.js';

export const KUSTOMIZE_DIR = join(REPO_ROOT, 'deploy/kubernetes');
export const CHART_DIR = join(REPO_ROOT, 'deploy/helm/guangming-platform');
export const OVERLAYS = ['staging', 'production'] as const;

export const NACK_CRDS = sharedFile('crds/nack-crds.yaml');
export const CNPG_CRDS = sharedFile('crds/cnpg-crds.yaml');
export const COMPOSE_SPEC = sharedFile('schemas/compose-spec.json');

/** The parts of the chart's values the tests read (values.schema.json holds the full shape). */
export interface ChartValues {
  image: { repository: string; tag: string; digest: string };
  nats: {
    streams: {
      replicas: number;
      duplicateWindow: string;
      maxAge: string;
      definitions: { name: string; subjects: string[] }[];
    };
  };
  apps: Record<
    AppName,
    NatsRole & {
      port: number;
      schema: string;
      resources: unknown;
      autoscaling: { minReplicas: number; maxReplicas: number };
    }
  >;
  [key: string]: unknown;
}

export const readChartValues = (file = join(CHART_DIR, 'values.yaml')): ChartValues =>
  parse(readFileSync(file, 'utf8')) as ChartValues;

/** Each app's NATS role as the chart's values define it. */
export function natsRoles(values: ChartValues): Record<AppName, NatsRole> {
  return Object.fromEntries(
    APPS.map((app) => {
      const { answersRpc, publishesEvents, calls, consumes } = values.apps[app];
      return [app, { answersRpc, publishesEvents, calls, consumes }];
    }),
  ) as Record<AppName, NatsRole>;
}
