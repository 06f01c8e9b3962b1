// The Helm chart deploy/helm/guangming-platform, checked without a cluster. Its values are
// validated by values.schema.json here; its templates are rendered with `helm` where that is
// on PATH (not on every machine: docs/deploy.md), and then must pass the same rules as the
// kustomize overlays and render what the production overlay holds.
import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { STREAMS } from '@gm/shared-messaging';
import { CrdValidators, describeError } from './crd-schema.js';
import {
  CHART_DIR,
  CNPG_CRDS,
  KUSTOMIZE_DIR,
  NACK_CRDS,
  natsRoles,
  readChartValues,
} from './deploy-sources.js';
import {
  kustomizeBuild,
  objectKey,
  parseYamlDocuments,
  podSpecOf,
  type K8sObject,
} from './manifests.js';
import {
  APPS,
  APP_PORTS,
  PLATFORM_RULES,
  goDurationMs,
  natsPermissionProblems,
  natsUsers,
  resolvedEnv,
  streamProblems,
} from './platform-rules.js';

const values = readChartValues();
const schema = JSON.parse(readFileSync(join(CHART_DIR, 'values.schema.json'), 'utf8')) as object;
const validateValues = new Ajv({ strict: false, allErrors: true }).compile(schema);
const ciValueFiles = readdirSync(join(CHART_DIR, 'ci')).filter((f) => f.endsWith('-values.yaml'));
const templatesDir = join(CHART_DIR, 'templates');
const templates = readdirSync(templatesDir).map(
  (f) => [f, readFileSync(join(templatesDir, f), 'utf8')] as const,
);

const schemaErrors = (candidate: unknown): string[] =>
  validateValues(candidate) ? [] : (validateValues.errors ?? []).map(describeError);

/** values.yaml with other values laid over it, as Helm merges them. */
function mergeValues(base: unknown, over: unknown): unknown {
  if (!isMap(base) || !isMap(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in base ? mergeValues(base[k], v) : v;
  return out;
}
const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

describe('deploy/helm/guangming-platform values', () => {
  it('values.yaml validates against values.schema.json', () => {
    expect(schemaErrors(values)).toEqual([]);
  });

  it.each(ciValueFiles)('ci/%s validates over values.yaml', (file) => {
    const over = parse(readFileSync(join(CHART_DIR, 'ci', file), 'utf8'));
    expect(schemaErrors(mergeValues(values, over))).toEqual([]);
  });

  const bad: [string, string, unknown, string][] = [
    [
      'an app without resource limits',
      'apps.gateway.resources.limits',
      undefined,
      "/apps/gateway/resources: must have required property 'limits'",
    ],
    [
      'a misspelt key',
      'apps.triage.replica',
      3,
      '/apps/triage: must NOT have additional properties (replica)',
    ],
    ['the image tag latest', 'image.tag', 'latest', '/image/tag: must NOT be valid'],
    [
      'an egress peer list left empty',
      'networkPolicy.nats',
      [],
      '/networkPolicy/nats: must NOT have fewer than 1 items',
    ],
    [
      'a stream age that is not a Go duration',
      'nats.streams.maxAge',
      '30 days',
      '/nats/streams/maxAge: must match pattern',
    ],
    [
      'a call to an unknown service',
      'apps.gateway.calls',
      ['billing'],
      '/apps/gateway/calls/0: must be equal to one of the allowed values',
    ],
    [
      'a non-https OIDC issuer',
      'auth.issuer',
      'http://id.example',
      '/auth/issuer: must match pattern',
    ],
  ];

  it.each(bad)('rejects %s, naming the field', (_case, path, value, expected) => {
    const candidate = structuredClone(values) as unknown as Record<string, unknown>;
    const keys = path.split('.');
    const last = keys.pop()!;
    const parent = keys.reduce((node, key) => node[key] as Record<string, unknown>, candidate);
    if (value === undefined) delete parent[last];
    else parent[last] = value;
    const errors = schemaErrors(candidate);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.filter((e) => e.startsWith(expected))).toHaveLength(1);
  });

  it('defines the streams the services use, with their limits', () => {
    const { definitions, duplicateWindow, maxAge } = values.nats.streams;
    expect(definitions.map(({ name, subjects }) => ({ name, subjects }))).toEqual(
      Object.values(STREAMS).map(({ name, subjects }) => ({ name, subjects: [...subjects] })),
    );
    for (const stream of Object.values(STREAMS)) {
      expect(goDurationMs(duplicateWindow)).toBe(stream.duplicateWindowMs);
      expect(goDurationMs(maxAge)).toBe(stream.maxAgeMs);
    }
  });

  it('gives the apps the roles of the architecture', () => {
    const roles = natsRoles(values);
    expect(roles.gateway).toEqual({
      answersRpc: false,
      publishesEvents: false,
      calls: ['resources', 'triage', 'housing'],
      consumes: ['resources', 'triage', 'housing'],
    });
    for (const service of ['resources', 'triage', 'housing'] as const) {
      expect(roles[service]).toMatchObject({ answersRpc: true, publishesEvents: true, calls: [] });
      expect(roles[service].consumes).not.toContain(service);
    }
    // Flow 1 of the architecture: a housing ticket opens an application; an accepted offer resolves it.
    expect(roles.housing.consumes).toContain('triage');
    expect(roles.triage.consumes).toContain('housing');
    for (const app of APPS) expect(values.apps[app].port).toBe(APP_PORTS[app]);
  });

  it('agrees with the kustomize base on ports, resources and autoscaling', () => {
    const base = kustomizeBuild(join(KUSTOMIZE_DIR, 'base'));
    for (const app of APPS) {
      const deployment = base.find(
        (o) => o.kind === 'Deployment' && o.metadata.name === `guangming-${app}`,
      )!;
      const container = podSpecOf(deployment)!.containers[0];
      const hpa = base.find(
        (o) => o.kind === 'HorizontalPodAutoscaler' && o.metadata.name === `guangming-${app}`,
      )!;
      expect(container.ports?.[0].containerPort).toBe(values.apps[app].port);
      expect(container.resources).toEqual(values.apps[app].resources);
      expect(hpa.spec).toMatchObject({
        minReplicas: values.apps[app].autoscaling.minReplicas,
        maxReplicas: values.apps[app].autoscaling.maxReplicas,
      });
    }
  });
});

describe('deploy/helm/guangming-platform templates', () => {
  const chart = parse(readFileSync(join(CHART_DIR, 'Chart.yaml'), 'utf8')) as Record<
    string,
    string
  >;

  it('is a v2 application chart with versions', () => {
    expect(chart).toMatchObject({
      apiVersion: 'v2',
      name: 'guangming-platform',
      type: 'application',
    });
    expect(chart.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(String(chart.appVersion)).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('reads only values that values.yaml defines', () => {
    const missing: string[] = [];
    const has = (root: unknown, path: string[]) =>
      path.reduce<unknown>(
        (node, key) => (isMap(node) && key in node ? node[key] : undefined),
        root,
      ) !== undefined;
    for (const [file, text] of templates) {
      for (const [, path] of text.matchAll(/\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) {
        if (!has(values, path.slice(1).split('.'))) missing.push(`${file}: .Values${path}`);
      }
      // Inside `range $name, $app := .Values.apps`, $app is one app's values.
      for (const [, path] of text.matchAll(/\$app((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) {
        if (!APPS.every((app) => has(values.apps[app], path.slice(1).split('.'))))
          missing.push(`${file}: $app${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has a template for every kind the platform needs', () => {
    const kinds = new Set(
      templates.flatMap(([, text]) => [...text.matchAll(/^kind: (\w+)$/gm)].map((m) => m[1])),
    );
    expect([...kinds].sort()).toEqual(
      [
        'Account',
        'Cluster',
        'ConfigMap',
        'Deployment',
        'HorizontalPodAutoscaler',
        'Ingress',
        'Job',
        'NetworkPolicy',
        'PodDisruptionBudget',
        'Service',
        'ServiceAccount',
        'Stream',
      ].sort(),
    );
  });

  it('runs the migrations as hooks before install and upgrade, with migrate latest', () => {
    const job = templates.find(([file]) => file === 'migrations-job.yaml')![1];
    expect(job).toContain(
      `ternary "post-install,pre-upgrade" "pre-install,pre-upgrade" .Values.postgres.cnpg.enabled`,
    );
    expect(job).toContain('helm.sh/hook: {{ $hook }}');
    expect(job).toContain(
      `args: [{{ printf "apps/%s/dist/main.js" $name | quote }}, 'migrate', 'latest']`,
    );
  });
});

describe('the chart rendered by helm', () => {
  const helm = spawnSync('helm', ['version', '--short'], { encoding: 'utf8' });
  const available = helm.status === 0;
  if (!available) {
    console.warn(
      'helm is not on PATH: the chart is checked through its values and templates, not rendered',
    );
  }
  const run = (args: string[]) => {
    const result = spawnSync('helm', args, { encoding: 'utf8', cwd: CHART_DIR });
    if (result.status !== 0) throw new Error(`helm ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  const render = (valuesFile: string): K8sObject[] =>
    parseYamlDocuments(
      run([
        'template',
        'guangming',
        '.',
        '--namespace',
        'guangming',
        '--kube-version',
        '1.31.0',
        '-f',
        valuesFile,
      ]),
      valuesFile,
    ) as K8sObject[];
  const itHelm = available ? it : it.skip;

  (available ? it.each(ciValueFiles) : it.skip.each(ciValueFiles))('lints with ci/%s', (file) => {
    run(['lint', '--strict', '.', '-f', join('ci', file)]);
  });

  (available ? describe.each(ciValueFiles) : describe.skip.each(ciValueFiles))(
    'with ci/%s',
    (file) => {
      const objects = available ? render(join('ci', file)) : [];

      it.each(Object.entries(PLATFORM_RULES))('has %s', (_rule, rule) => {
        expect(rule(objects)).toEqual([]);
      });

      it('defines the streams and NATS permissions of the platform', () => {
        expect(streamProblems(objects, Object.values(STREAMS))).toEqual([]);
        expect(natsPermissionProblems(objects, natsRoles(values))).toEqual([]);
      });

      it('renders custom resources that validate against their CRDs', () => {
        if (!NACK_CRDS || !CNPG_CRDS)
          return console.warn('../shared/crds missing: CRD validation skipped');
        const validators = new CrdValidators([NACK_CRDS, CNPG_CRDS]);
        const custom = objects.filter((o) => ['Stream', 'Account', 'Cluster'].includes(o.kind));
        expect(
          custom.flatMap((o) => validators.errors(o).map((e) => `${objectKey(o)} ${e}`)),
        ).toEqual([]);
      });
    },
  );

  itHelm('renders what the production overlay holds, from ci/production-values.yaml', () => {
    const fromHelm = render(join('ci', 'production-values.yaml'));
    const fromKustomize = kustomizeBuild(join(KUSTOMIZE_DIR, 'overlays/production'));
    expect(fromHelm.map(objectKey).sort()).toEqual(fromKustomize.map(objectKey).sort());
    expect(natsUsers(fromHelm)).toEqual(natsUsers(fromKustomize));
    const theirs = new Map(fromKustomize.map((o) => [objectKey(o), comparable(o, fromKustomize)]));
    for (const o of fromHelm.filter((x) => x.metadata.name !== 'guangming-nats-auth')) {
      const ours = comparable(o, fromHelm);
      expect({ key: objectKey(o), object: ours }).toEqual({
        key: objectKey(o),
        object: theirs.get(objectKey(o)),
      });
    }
  });
});

const TOOL_LABELS = ['app.kubernetes.io/managed-by', 'app.kubernetes.io/version', 'helm.sh/chart'];
const TOOL_ANNOTATIONS = /^(helm\.sh\/|argocd\.argoproj\.io\/|checksum\/)/;

/**
 * An object without what only one of the two tools adds (labels, hooks, namespace), and with
 * each Job's environment resolved: Helm's hook Jobs carry their settings inline, since they run
 * before the ConfigMaps exist.
 */
function comparable(o: K8sObject, objects: K8sObject[]): unknown {
  if (o.kind === 'Job') {
    o = structuredClone(o);
    for (const c of podSpecOf(o)!.containers) {
      const { env } = resolvedEnv(objects, c);
      delete c.envFrom;
      c.env = [...env]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, value]) => ({ name, value }));
    }
  }
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (!isMap(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === 'namespace' && typeof v === 'string') continue;
      if (k === 'labels' && isMap(v))
        out[k] = Object.fromEntries(Object.entries(v).filter(([l]) => !TOOL_LABELS.includes(l)));
      else if (k === 'annotations' && isMap(v)) {
        const kept = Object.entries(v).filter(([a]) => !TOOL_ANNOTATIONS.test(a));
        if (kept.length > 0) out[k] = Object.fromEntries(kept);
      } else out[k] = strip(v);
    }
    return out;
  };
  return strip(o);
}
