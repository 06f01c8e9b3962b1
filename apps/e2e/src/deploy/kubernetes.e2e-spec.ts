// The kustomize base and overlays under deploy/kubernetes, checked without a cluster: the
// platform's rules on every rendering, the custom resources against their CRDs, the streams
// against the code's definitions, and the NATS permissions against each app's role.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { STREAMS } from '@gm/shared-messaging';
import { CrdValidators } from './crd-schema.js';
import {
  CNPG_CRDS,
  KUSTOMIZE_DIR,
  NACK_CRDS,
  OVERLAYS,
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
  PLATFORM_RULES,
  disruptionBudgetAndAutoscaler,
  natsPermissionProblems,
  networkPolicies,
  probesOnEveryContainer,
  productionEnvironment,
  streamProblems,
} from './platform-rules.js';

const renderings: [string, K8sObject[]][] = [
  ['base', kustomizeBuild(join(KUSTOMIZE_DIR, 'base'))],
  ...OVERLAYS.map((o): [string, K8sObject[]] => [
    `overlays/${o}`,
    kustomizeBuild(join(KUSTOMIZE_DIR, 'overlays', o)),
  ]),
];
const overlays = renderings.filter(([name]) => name.startsWith('overlays/'));
const roles = natsRoles(readChartValues());
const streamDefinitions = Object.values(STREAMS);
const production = () =>
  structuredClone(renderings.find(([name]) => name === 'overlays/production')![1]);

describe.each(renderings)('deploy/kubernetes/%s', (_name, objects) => {
  it.each(Object.entries(PLATFORM_RULES))('has %s', (_rule, rule) => {
    expect(rule(objects)).toEqual([]);
  });

  it('defines exactly the JetStream streams the services use', () => {
    expect(streamProblems(objects, streamDefinitions)).toEqual([]);
  });

  it('gives each NATS user only the subjects of its role', () => {
    expect(natsPermissionProblems(objects, roles)).toEqual([]);
  });

  it('labels every object as part of the platform', () => {
    const unlabelled = objects
      .filter((o) => o.metadata.labels?.['app.kubernetes.io/part-of'] !== 'guangming-platform')
      .map(objectKey);
    expect(unlabelled).toEqual([]);
  });
});

describe.each(overlays)('deploy/kubernetes/%s as deployed', (_name, objects) => {
  it('puts every object in one namespace', () => {
    const namespaces = new Set(objects.map((o) => o.metadata.namespace));
    expect(namespaces.size).toBe(1);
    expect([...namespaces][0]).toMatch(/^[a-z0-9-]+$/);
  });

  it('pins the image to a version, never latest', () => {
    const images = objects.flatMap((o) => podSpecOf(o)?.containers.map((c) => c.image) ?? []);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images)
      expect(image).toMatch(/^[^:@]+(:[0-9][^:@]*|@sha256:[a-f0-9]{64})$/);
  });

  it('sets the OIDC provider whose tokens every process verifies', () => {
    const config = objects.find(
      (o) => o.kind === 'ConfigMap' && o.metadata.name === 'guangming-config',
    );
    const data = (config?.data ?? {}) as Record<string, string>;
    for (const key of ['AUTH_ISSUER', 'AUTH_JWKS_URL'])
      expect(data[key]).toMatch(/^https:\/\/\S+$/);
    expect(data.AUTH_AUDIENCE).not.toBe('');
  });
});

describe('kustomize itself', () => {
  const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  const available = kubectl.status === 0;
  if (!available)
    console.warn('kubectl is not on PATH: the overlays are rendered by the tests alone');

  (available ? it.each(OVERLAYS) : it.skip.each(OVERLAYS))(
    'renders overlays/%s as the tests do',
    (overlay) => {
      const dir = join(KUSTOMIZE_DIR, 'overlays', overlay);
      const result = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
      expect(result.stderr).toBe('');
      const byKey = (objects: K8sObject[]) => new Map(objects.map((o) => [objectKey(o), o]));
      const theirs = byKey(parseYamlDocuments(result.stdout, dir) as K8sObject[]);
      const ours = byKey(kustomizeBuild(dir));
      expect([...theirs.keys()].sort()).toEqual([...ours.keys()].sort());
      for (const [key, object] of ours) expect(theirs.get(key)).toEqual(object);
    },
  );
});

describe('custom resources against their CRDs', () => {
  const crdFiles = [NACK_CRDS, CNPG_CRDS].filter((f): f is string => f !== undefined);
  if (crdFiles.length < 2) {
    console.warn(
      '../shared/crds/nack-crds.yaml or cnpg-crds.yaml is missing: CRD validation is skipped',
    );
  }
  const validators = crdFiles.length === 2 ? new CrdValidators(crdFiles) : undefined;
  const custom = renderings.flatMap(([name, objects]) =>
    objects
      .filter((o) => ['Stream', 'Account', 'Cluster'].includes(o.kind))
      .map((o): [string, K8sObject] => [`${name} ${objectKey(o)}`, o]),
  );

  it('has NACK Streams and Account, and a CloudNativePG Cluster in the overlays', () => {
    const kinds = new Set(custom.map(([, o]) => `${o.apiVersion} ${o.kind}`));
    expect([...kinds].sort()).toEqual([
      'jetstream.nats.io/v1beta2 Account',
      'jetstream.nats.io/v1beta2 Stream',
      'postgresql.cnpg.io/v1 Cluster',
    ]);
  });

  (validators ? it.each(custom) : it.skip.each(custom))('%s validates', (_key, o) => {
    expect(validators!.errors(o)).toEqual([]);
  });

  (validators ? it : it.skip)('rejects an unknown or mistyped field', () => {
    const stream = structuredClone(custom.find(([, o]) => o.kind === 'Stream')![1]);
    Object.assign(stream.spec as object, { duplicate_window: '2m', replicas: 'three' });
    expect(validators!.errors(stream)).toEqual([
      '/spec: must NOT have additional properties (duplicate_window)',
      '/spec/replicas: must be integer',
    ]);
  });
});

describe('the checks fail where they should', () => {
  const gateway = (objects: K8sObject[]) =>
    objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'guangming-gateway')!;

  it('names a container without a readiness probe', () => {
    const objects = production();
    delete podSpecOf(gateway(objects))!.containers[0].readinessProbe;
    expect(probesOnEveryContainer(objects)).toEqual([
      'Deployment/guangming-gateway container gateway: readinessProbe missing (an httpGet on /readyz)',
    ]);
  });

  it('names a Deployment without a disruption budget', () => {
    const objects = production().filter(
      (o) => !(o.kind === 'PodDisruptionBudget' && o.metadata.name === 'guangming-triage'),
    );
    expect(disruptionBudgetAndAutoscaler(objects)).toEqual([
      'Deployment/guangming-triage: 0 PodDisruptionBudgets select its pods',
    ]);
  });

  it('names egress open to any address', () => {
    const objects = production();
    const policy = objects.find(
      (o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'guangming-housing',
    )!;
    (policy.spec as { egress: unknown[] }).egress.push({
      to: [{ ipBlock: { cidr: '0.0.0.0/0' } }],
      ports: [{ port: 5432 }],
    });
    expect(networkPolicies(objects)).toEqual([
      'Deployment/guangming-housing: egress to port 5432 is open to any address',
    ]);
  });

  it('names a process reading the secret of another', () => {
    const objects = production();
    const env = podSpecOf(gateway(objects))!.containers[0].env!;
    env.find((v) => v.name === 'NATS_PASSWORD')!.valueFrom!.secretKeyRef!.name =
      'guangming-nats-housing';
    expect(productionEnvironment(objects)).toEqual([
      'Deployment/guangming-gateway: reads Secret guangming-nats-housing, which is not its own',
    ]);
  });

  it('names a stream whose subjects differ from the code', () => {
    const objects = production();
    const stream = objects.find(
      (o) => o.kind === 'Stream' && (o.spec as { name: string }).name === 'TRIAGE_EVENTS',
    )!;
    (stream.spec as { subjects: string[] }).subjects = ['triage.events.>'];
    expect(streamProblems(objects, streamDefinitions)).toEqual([
      'Stream/guangming-triage-events (TRIAGE_EVENTS): subjects triage.events.>, the services use triage.evt.>',
    ]);
  });

  it('names a NATS user with more rights than its role', () => {
    const objects = production();
    const config = objects.find(
      (o) => o.kind === 'ConfigMap' && o.metadata.name === 'guangming-nats-auth',
    )!;
    const data = config.data as Record<string, string>;
    data['guangming-accounts.conf'] = data['guangming-accounts.conf'].replace(
      'allow: ["resources.rpc.>", "_INBOX.>", "dlq.>"]',
      'allow: ["resources.rpc.>", "_INBOX.>", "dlq.>", ">"]',
    );
    expect(natsPermissionProblems(objects, roles)).toEqual([
      'NATS user resources: subscribe is [">","_INBOX.>","dlq.>","resources.rpc.>"], expected ["_INBOX.>","dlq.>","resources.rpc.>"]',
    ]);
  });
});
