// What every rendering of the platform's Kubernetes manifests must hold, whether it comes from
// the kustomize overlays or the Helm chart. Each rule returns its problems, one line each, so a
// failing test names the object and the field.
import {
  objectKey,
  podSpecOf,
  podTemplateOf,
  selects,
  specOf,
  type Container,
  type K8sObject,
  type PodSpec,
  type Probe,
} from './manifests.js';
import { parseNatsConf, type NatsConfMap } from './nats-conf.js';

export const APPS = ['gateway', 'resources', 'triage', 'housing'] as const;
export type AppName = (typeof APPS)[number];

/** HTTP port of each process: the gateway's API, the services' health and metrics. */
export const APP_PORTS: Record<AppName, number> = {
  gateway: 3000,
  resources: 3001,
  triage: 3002,
  housing: 3003,
};

/** Which NATS traffic an app has; the chart's values hold these and the permissions follow. */
export interface NatsRole {
  answersRpc: boolean;
  publishesEvents: boolean;
  calls: string[];
  consumes: string[];
}

export type Rule = (objects: K8sObject[]) => string[];

const appOf = (o: K8sObject): string | undefined => o.metadata.labels?.['app.kubernetes.io/name'];
const byKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
const deployments = (objects: K8sObject[]) => byKind(objects, 'Deployment');
const jobs = (objects: K8sObject[]) => byKind(objects, 'Job');
const workloads = (objects: K8sObject[]) => [...deployments(objects), ...jobs(objects)];
const containersOf = (spec: PodSpec): Container[] => [
  ...(spec.initContainers ?? []),
  ...spec.containers,
];
const podLabels = (o: K8sObject) => podTemplateOf(o)?.metadata?.labels;

function forEachContainer(
  objects: K8sObject[],
  check: (o: K8sObject, pod: PodSpec, c: Container) => string[],
) {
  return workloads(objects).flatMap((o) => {
    const pod = podSpecOf(o);
    if (!pod) return [`${objectKey(o)}: no pod template`];
    return containersOf(pod).flatMap((c) =>
      check(o, pod, c).map((p) => `${objectKey(o)} container ${c.name}: ${p}`),
    );
  });
}

/** Exactly one Deployment per process, running its entry point on its port. */
export const oneDeploymentPerApp: Rule = (objects) => {
  const problems: string[] = [];
  for (const app of APPS) {
    const found = deployments(objects).filter((d) => appOf(d) === app);
    if (found.length !== 1) {
      problems.push(`app ${app}: ${found.length} Deployments`);
      continue;
    }
    const container = podSpecOf(found[0])?.containers[0];
    if (container?.args?.[0] !== `apps/${app}/dist/main.js`) {
      problems.push(`${objectKey(found[0])}: args should start with apps/${app}/dist/main.js`);
    }
    if (container?.ports?.[0]?.containerPort !== APP_PORTS[app]) {
      problems.push(`${objectKey(found[0])}: container port should be ${APP_PORTS[app]}`);
    }
  }
  return problems;
};

/** Startup and liveness on /healthz, readiness on /readyz, on a port the container declares. */
export const probesOnEveryContainer: Rule = (objects) =>
  deployments(objects).flatMap((o) =>
    (podSpecOf(o)?.containers ?? []).flatMap((c) => {
      const expected: [string, Probe | undefined, string][] = [
        ['startupProbe', c.startupProbe, '/healthz'],
        ['livenessProbe', c.livenessProbe, '/healthz'],
        ['readinessProbe', c.readinessProbe, '/readyz'],
      ];
      return expected.flatMap(([name, probe, path]) => {
        const where = `${objectKey(o)} container ${c.name}: ${name}`;
        if (!probe?.httpGet) return [`${where} missing (an httpGet on ${path})`];
        const portKnown = (c.ports ?? []).some(
          (p) => p.name === probe.httpGet?.port || p.containerPort === probe.httpGet?.port,
        );
        return [
          ...(probe.httpGet.path === path
            ? []
            : [`${where} checks ${probe.httpGet.path}, not ${path}`]),
          ...(portKnown
            ? []
            : [`${where} port ${probe.httpGet.port} is not a port of the container`]),
        ];
      });
    }),
  );

/** CPU and memory requests and limits on every container, requests within limits. */
export const resourcesOnEveryContainer: Rule = (objects) =>
  forEachContainer(objects, (_o, _pod, c) =>
    (['cpu', 'memory'] as const).flatMap((resource) => {
      const request = c.resources?.requests?.[resource];
      const limit = c.resources?.limits?.[resource];
      if (request === undefined || limit === undefined)
        return [`resources.requests and .limits of ${resource} required`];
      return quantity(request) <= quantity(limit)
        ? []
        : [`${resource} request ${request} above its limit ${limit}`];
    }),
  );

const UNITS: Record<string, number> = {
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

/** A Kubernetes quantity (`250m`, `1`, `512Mi`) as a number. */
export function quantity(q: string | number): number {
  const match = /^([0-9.]+)([a-zA-Z]*)$/.exec(String(q));
  if (!match || !(match[2] in UNITS)) throw new Error(`not a quantity: ${q}`);
  return Number(match[1]) * UNITS[match[2]];
}

/** Non-root, read-only root file system, no privilege escalation, no capabilities, seccomp. */
export const restrictedSecurityContext: Rule = (objects) =>
  forEachContainer(objects, (_o, pod, c) => {
    const sc = c.securityContext ?? {};
    const problems: string[] = [];
    if ((sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot) !== true)
      problems.push('runAsNonRoot is not true');
    if ((sc.runAsUser ?? pod.securityContext?.runAsUser) === 0) problems.push('runs as uid 0');
    if (sc.readOnlyRootFilesystem !== true) problems.push('readOnlyRootFilesystem is not true');
    if (sc.allowPrivilegeEscalation !== false)
      problems.push('allowPrivilegeEscalation is not false');
    if (!sc.capabilities?.drop?.includes('ALL')) problems.push('capabilities do not drop ALL');
    if ((sc.capabilities?.add ?? []).length > 0) problems.push('capabilities are added');
    if ((sc.seccompProfile ?? pod.securityContext?.seccompProfile)?.type !== 'RuntimeDefault') {
      problems.push('seccompProfile is not RuntimeDefault');
    }
    return problems;
  });

/** Each pod runs as its own ServiceAccount, without an API token. */
export const ownServiceAccounts: Rule = (objects) =>
  workloads(objects).flatMap((o) => {
    const pod = podSpecOf(o);
    const account = byKind(objects, 'ServiceAccount').find(
      (sa) => sa.metadata.name === pod?.serviceAccountName,
    );
    const problems: string[] = [];
    if (!account)
      problems.push(
        `${objectKey(o)}: ServiceAccount ${pod?.serviceAccountName ?? '(none)'} is not defined`,
      );
    if (pod?.automountServiceAccountToken !== false)
      problems.push(`${objectKey(o)}: mounts a service account token`);
    return problems;
  });

/** Replicas spread over zones and nodes. */
export const topologySpread: Rule = (objects) =>
  deployments(objects).flatMap((o) => {
    const keys = (podSpecOf(o)?.topologySpreadConstraints ?? [])
      .filter((t) => selects(t.labelSelector?.matchLabels, podLabels(o)))
      .map((t) => t.topologyKey);
    return ['topology.kubernetes.io/zone', 'kubernetes.io/hostname']
      .filter((key) => !keys.includes(key))
      .map((key) => `${objectKey(o)}: no topology spread over ${key} selecting its pods`);
  });

interface PdbSpec {
  selector?: { matchLabels?: Record<string, string> };
  minAvailable?: number | string;
  maxUnavailable?: number | string;
}
interface HpaSpec {
  scaleTargetRef?: { apiVersion?: string; kind?: string; name?: string };
  minReplicas?: number;
  maxReplicas?: number;
  metrics?: unknown[];
}

/** A PodDisruptionBudget and an autoscaling/v2 HorizontalPodAutoscaler for each Deployment. */
export const disruptionBudgetAndAutoscaler: Rule = (objects) =>
  deployments(objects).flatMap((d) => {
    const problems: string[] = [];
    const pdbs = byKind(objects, 'PodDisruptionBudget').filter((p) =>
      selects(specOf<PdbSpec>(p).selector?.matchLabels, podLabels(d)),
    );
    if (pdbs.length !== 1)
      problems.push(`${objectKey(d)}: ${pdbs.length} PodDisruptionBudgets select its pods`);
    if (pdbs.some((p) => p.apiVersion !== 'policy/v1'))
      problems.push(`${objectKey(d)}: its PDB is not policy/v1`);
    const hpas = byKind(objects, 'HorizontalPodAutoscaler').filter((h) => {
      const ref = specOf<HpaSpec>(h).scaleTargetRef;
      return ref?.kind === 'Deployment' && ref.name === d.metadata.name;
    });
    if (hpas.length !== 1)
      problems.push(`${objectKey(d)}: ${hpas.length} HorizontalPodAutoscalers scale it`);
    for (const h of hpas) {
      const spec = specOf<HpaSpec>(h);
      if (h.apiVersion !== 'autoscaling/v2') problems.push(`${objectKey(h)}: not autoscaling/v2`);
      if (!(
        spec.minReplicas !== undefined &&
        spec.minReplicas >= 1 &&
        spec.minReplicas <= (spec.maxReplicas ?? 0)
      )) {
        problems.push(
          `${objectKey(h)}: minReplicas ${spec.minReplicas} and maxReplicas ${spec.maxReplicas} do not fit`,
        );
      }
      if ((spec.metrics ?? []).length === 0) problems.push(`${objectKey(h)}: no metrics`);
      // Both owning the count makes every apply reset what the autoscaler decided.
      if ((d.spec as { replicas?: number }).replicas !== undefined) {
        problems.push(`${objectKey(d)}: sets replicas although an autoscaler owns the count`);
      }
    }
    return problems;
  });

interface ServiceSpec {
  selector?: Record<string, string>;
  ports?: { name?: string; port: number; targetPort?: string | number }[];
}

/** A Service in front of each Deployment, reaching a port its pods declare. */
export const servicesReachPods: Rule = (objects) =>
  deployments(objects).flatMap((d) => {
    const services = byKind(objects, 'Service').filter((s) =>
      selects(specOf<ServiceSpec>(s).selector, podLabels(d)),
    );
    if (services.length === 0) return [`${objectKey(d)}: no Service selects its pods`];
    const ports = podSpecOf(d)?.containers.flatMap((c) => c.ports ?? []) ?? [];
    return services.flatMap((s) =>
      (specOf<ServiceSpec>(s).ports ?? [])
        .filter(
          (p) => !ports.some((cp) => cp.name === p.targetPort || cp.containerPort === p.targetPort),
        )
        .map((p) => `${objectKey(s)}: targetPort ${p.targetPort} is not a port of ${objectKey(d)}`),
    );
  });

/** The environment a container ends up with: its config maps first, then env in order. */
export function resolvedEnv(
  objects: K8sObject[],
  c: Container,
): { env: Map<string, string>; problems: string[] } {
  const env = new Map<string, string>();
  const problems: string[] = [];
  for (const source of c.envFrom ?? []) {
    const name = source.configMapRef?.name;
    const map = byKind(objects, 'ConfigMap').find((m) => m.metadata.name === name);
    if (!map) {
      problems.push(`envFrom ConfigMap ${name} is not defined`);
      continue;
    }
    for (const [k, v] of Object.entries((map.data as Record<string, string>) ?? {}))
      env.set(k, String(v));
  }
  for (const variable of c.env ?? []) {
    if (variable.valueFrom?.secretKeyRef) {
      env.set(
        variable.name,
        `<secret ${variable.valueFrom.secretKeyRef.name}/${variable.valueFrom.secretKeyRef.key}>`,
      );
      continue;
    }
    const value = String(variable.value ?? '');
    // Kubernetes expands $(NAME) only from variables defined before; anything else stays literal.
    for (const [, ref] of value.matchAll(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)) {
      if (!env.has(ref))
        problems.push(`${variable.name} refers to $(${ref}), which is not defined before it`);
    }
    env.set(variable.name, value);
  }
  return { env, problems };
}

const secretsOf = (c: Container) =>
  (c.env ?? []).flatMap((v) => (v.valueFrom?.secretKeyRef ? [v.valueFrom.secretKeyRef.name] : []));

/** Each process is configured for production and reads only its own secrets. */
export const productionEnvironment: Rule = (objects) =>
  deployments(objects).flatMap((d) => {
    const app = appOf(d) as AppName;
    const c = podSpecOf(d)?.containers[0];
    if (!c) return [`${objectKey(d)}: no container`];
    const { env, problems } = resolvedEnv(objects, c);
    const expect = (name: string, value?: string) => {
      if (!env.has(name)) problems.push(`${name} is not set`);
      else if (value !== undefined && env.get(name) !== value)
        problems.push(`${name} is ${env.get(name)}, not ${value}`);
    };
    expect('NODE_ENV', 'production');
    expect('MIGRATE_ON_START', 'false');
    expect('SEED_DEMO_DATA', 'false');
    expect('OTEL_SERVICE_NAME', app);
    expect('NATS_URL');
    expect('NATS_USER', app);
    expect('NATS_PASSWORD');
    expect('DATABASE_URL');
    expect('OTEL_EXPORTER_OTLP_ENDPOINT');
    // Every process verifies the caller's token, which travels over NATS too.
    expect('AUTH_MODE', 'oidc');
    for (const name of ['AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_JWKS_URL']) expect(name);
    if (env.has('AUTH_DEMO_SECRET'))
      problems.push('AUTH_DEMO_SECRET is set: production verifies OIDC tokens only');
    if (app === 'gateway') {
      expect('PORT', String(APP_PORTS.gateway));
    } else {
      expect('HTTP_PORT', String(APP_PORTS[app]));
    }
    if (!/^postgres(ql)?:\/\//.test(env.get('DATABASE_URL') ?? ''))
      problems.push('DATABASE_URL is not a postgres:// URL');
    for (const secret of secretsOf(c)) {
      if (!secret.endsWith(`-${app}`))
        problems.push(`reads Secret ${secret}, which is not its own`);
    }
    return problems.map((p) => `${objectKey(d)}: ${p}`);
  });

/** One migration Job per schema, running `migrate latest` with that service's credentials. */
export const migrationJobs: Rule = (objects) =>
  APPS.flatMap((app) => {
    const found = jobs(objects).filter(
      (j) => podSpecOf(j)?.containers[0]?.args?.[0] === `apps/${app}/dist/main.js`,
    );
    if (found.length !== 1) return [`app ${app}: ${found.length} migration Jobs`];
    const job = found[0];
    const pod = podSpecOf(job) as PodSpec;
    const c = pod.containers[0];
    const problems: string[] = [];
    if (c.args?.slice(1).join(' ') !== 'migrate latest')
      problems.push(`runs ${c.args?.join(' ')}, not migrate latest`);
    if (pod.restartPolicy !== 'Never' && pod.restartPolicy !== 'OnFailure')
      problems.push('restartPolicy must be Never or OnFailure');
    if (typeof (job.spec as { backoffLimit?: number }).backoffLimit !== 'number')
      problems.push('no backoffLimit');
    const { env, problems: envProblems } = resolvedEnv(objects, c);
    problems.push(...envProblems);
    if (!/^postgres(ql)?:\/\//.test(env.get('DATABASE_URL') ?? ''))
      problems.push('DATABASE_URL is not a postgres:// URL');
    // A process loads its whole configuration, OIDC settings included, before it migrates.
    for (const name of ['AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_JWKS_URL']) {
      if (!env.has(name)) problems.push(`${name} is not set`);
    }
    if (env.get('AUTH_MODE') !== 'oidc') problems.push('AUTH_MODE is not oidc');
    for (const secret of secretsOf(c)) {
      if (!secret.endsWith(`-${app}`))
        problems.push(`reads Secret ${secret}, which is not its own`);
    }
    return problems.map((p) => `${objectKey(job)}: ${p}`);
  });

interface PolicyPort {
  port?: number | string;
  protocol?: string;
}
interface PolicyPeer {
  podSelector?: { matchLabels?: Record<string, string> };
  namespaceSelector?: { matchLabels?: Record<string, string> };
  ipBlock?: { cidr: string };
}
interface PolicyRule {
  from?: PolicyPeer[];
  to?: PolicyPeer[];
  ports?: PolicyPort[];
}
interface PolicySpec {
  podSelector?: { matchLabels?: Record<string, string> };
  policyTypes?: string[];
  ingress?: PolicyRule[];
  egress?: PolicyRule[];
}

const DNS = 53;
const NATS = 4222;
const POSTGRES = 5432;
const OTLP = [4317, 4318];
const HTTPS = 443;

/**
 * Default deny for every platform pod; then egress only to DNS, NATS, PostgreSQL and the OTLP
 * collector, each to named peers, and HTTPS for the OIDC provider's keys (every process verifies
 * tokens, the migrations do not); ingress only
 * to the HTTP port, from named peers.
 */
export const networkPolicies: Rule = (objects) => {
  const policies = byKind(objects, 'NetworkPolicy');
  const problems: string[] = [];
  const isDefaultDeny = (p: K8sObject) => {
    const spec = specOf<PolicySpec>(p);
    return (
      ['Ingress', 'Egress'].every((t) => spec.policyTypes?.includes(t)) &&
      (spec.ingress ?? []).length === 0 &&
      (spec.egress ?? []).length === 0
    );
  };
  for (const w of workloads(objects)) {
    const labels = podLabels(w);
    const applying = policies.filter((p) =>
      selects(specOf<PolicySpec>(p).podSelector?.matchLabels, labels),
    );
    const where = objectKey(w);
    if (!applying.some(isDefaultDeny))
      problems.push(`${where}: no default-deny NetworkPolicy selects its pods`);
    const egress = applying.flatMap((p) => specOf<PolicySpec>(p).egress ?? []);
    const ingress = applying.flatMap((p) => specOf<PolicySpec>(p).ingress ?? []);
    const isGateway = w.kind === 'Deployment' && appOf(w) === 'gateway';
    const verifiesTokens = w.kind === 'Deployment';
    for (const rule of egress) {
      if ((rule.to ?? []).length === 0)
        problems.push(`${where}: an egress rule without peers allows every destination`);
      if ((rule.ports ?? []).length === 0)
        problems.push(`${where}: an egress rule without ports allows every port`);
      for (const { port } of rule.ports ?? []) {
        const allowed = [DNS, NATS, POSTGRES, ...OTLP, ...(verifiesTokens ? [HTTPS] : [])];
        if (!allowed.includes(Number(port)))
          problems.push(`${where}: egress to port ${port} is not one of its dependencies`);
        const open = (rule.to ?? []).some((peer) => peer.ipBlock?.cidr === '0.0.0.0/0');
        if (open && Number(port) !== HTTPS)
          problems.push(`${where}: egress to port ${port} is open to any address`);
      }
    }
    const egressPorts = new Set(egress.flatMap((r) => (r.ports ?? []).map((p) => Number(p.port))));
    const needed = w.kind === 'Deployment' ? [DNS, NATS, POSTGRES, OTLP[1]] : [DNS, POSTGRES];
    for (const port of needed.filter((p) => !egressPorts.has(p)))
      problems.push(`${where}: no egress to port ${port}`);
    if (w.kind === 'Job' && egressPorts.has(NATS))
      problems.push(`${where}: a migration needs no NATS`);
    for (const rule of ingress) {
      if ((rule.from ?? []).length === 0)
        problems.push(`${where}: an ingress rule without peers admits everyone`);
      if (w.kind === 'Job') problems.push(`${where}: a migration takes no connections`);
      for (const { port } of rule.ports ?? []) {
        if (port !== 'http' && Number(port) !== APP_PORTS[appOf(w) as AppName]) {
          problems.push(`${where}: ingress to port ${port}, not its HTTP port`);
        }
      }
      if ((rule.ports ?? []).length === 0)
        problems.push(`${where}: an ingress rule without ports opens every port`);
    }
    if (isGateway && ingress.length === 0)
      problems.push(`${where}: the ingress controller cannot reach the gateway`);
  }
  return problems;
};

/** An Ingress, where present, reaches the gateway's Service on a port it has. */
export const ingressReachesGateway: Rule = (objects) =>
  byKind(objects, 'Ingress').flatMap((ing) => {
    type Backend = { service?: { name: string; port?: { name?: string; number?: number } } };
    const rules =
      (ing.spec as { rules?: { http?: { paths?: { backend: Backend }[] } }[] }).rules ?? [];
    return rules
      .flatMap((r) => r.http?.paths ?? [])
      .flatMap(({ backend }) => {
        const service = byKind(objects, 'Service').find(
          (s) => s.metadata.name === backend.service?.name,
        );
        if (!service || appOf(service) !== 'gateway')
          return [
            `${objectKey(ing)}: backend ${backend.service?.name} is not the gateway's Service`,
          ];
        const ports = specOf<ServiceSpec>(service).ports ?? [];
        const port = backend.service?.port;
        return ports.some((p) => p.name === port?.name || p.port === port?.number)
          ? []
          : [`${objectKey(ing)}: the gateway's Service has no port ${port?.name ?? port?.number}`];
      });
  });

/** Every rule every rendering must pass. */
export const PLATFORM_RULES: Record<string, Rule> = {
  'one Deployment per app, running its entry point': oneDeploymentPerApp,
  'startup, liveness and readiness probes on every container': probesOnEveryContainer,
  'resource requests and limits on every container': resourcesOnEveryContainer,
  'the restricted security context on every container': restrictedSecurityContext,
  'a ServiceAccount of its own, without API token': ownServiceAccounts,
  'topology spread over zones and nodes': topologySpread,
  'a PodDisruptionBudget and a HorizontalPodAutoscaler per Deployment':
    disruptionBudgetAndAutoscaler,
  'a Service in front of each Deployment': servicesReachPods,
  'a production environment and only its own secrets': productionEnvironment,
  'a migration Job per schema running migrate latest': migrationJobs,
  'default-deny NetworkPolicies and egress only to the dependencies': networkPolicies,
  'an Ingress only to the gateway': ingressReachesGateway,
};

/** Go duration (`2m`, `720h`, `1h30m`) in milliseconds. */
export function goDurationMs(duration: string): number {
  const units: Record<string, number> = { ms: 1, s: 1e3, m: 60e3, h: 3600e3 };
  const parts = [...duration.matchAll(/(\d+)(ms|s|m|h)/g)];
  if (parts.map((p) => p[0]).join('') !== duration || parts.length === 0)
    throw new Error(`not a Go duration: ${duration}`);
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * units[unit], 0);
}

export interface StreamDefinitionLike {
  name: string;
  subjects: readonly string[];
  maxAgeMs: number;
  duplicateWindowMs: number;
}

interface StreamSpec {
  name: string;
  subjects: string[];
  storage?: string;
  duplicateWindow?: string;
  maxAge?: string;
  account?: string;
}

/** NACK streams that are exactly the streams the services define in code. */
export function streamProblems(
  objects: K8sObject[],
  definitions: readonly StreamDefinitionLike[],
): string[] {
  const streams = byKind(objects, 'Stream');
  const problems: string[] = [];
  const names = streams.map((s) => specOf<StreamSpec>(s).name).sort();
  const expected = definitions.map((d) => d.name).sort();
  if (names.join() !== expected.join())
    problems.push(`streams ${names.join(', ')} differ from the code's ${expected.join(', ')}`);
  for (const definition of definitions) {
    const stream = streams.find((s) => specOf<StreamSpec>(s).name === definition.name);
    if (!stream) continue;
    const spec = specOf<StreamSpec>(stream);
    const where = `${objectKey(stream)} (${definition.name})`;
    if ([...spec.subjects].sort().join() !== [...definition.subjects].sort().join()) {
      problems.push(
        `${where}: subjects ${spec.subjects.join(', ')}, the services use ${definition.subjects.join(', ')}`,
      );
    }
    if (spec.storage !== 'file') problems.push(`${where}: storage ${spec.storage}, not file`);
    if (
      !spec.duplicateWindow ||
      goDurationMs(spec.duplicateWindow) !== definition.duplicateWindowMs
    ) {
      problems.push(
        `${where}: duplicateWindow ${spec.duplicateWindow} is not ${definition.duplicateWindowMs} ms`,
      );
    }
    if (!spec.maxAge || goDurationMs(spec.maxAge) !== definition.maxAgeMs) {
      problems.push(`${where}: maxAge ${spec.maxAge} is not ${definition.maxAgeMs} ms`);
    }
    if (spec.account && !byKind(objects, 'Account').some((a) => a.metadata.name === spec.account)) {
      problems.push(`${where}: account ${spec.account} is not defined`);
    }
  }
  return problems;
}

export interface UserPermissions {
  publish: string[];
  subscribe: string[];
  denyPublish: string[];
  allowResponses: boolean;
}

/**
 * What a user may do, from the rules: a service answers its own <svc>.rpc.>, publishes its own
 * <svc>.evt.> and dlq.>, reads the events it consumes; every user has the JetStream API and
 * inboxes, and none may delete or purge a stream.
 */
export function expectedPermissions(name: string, role: NatsRole): UserPermissions {
  return {
    publish: [
      ...role.calls.map((s) => `${s}.rpc.>`),
      ...(role.publishesEvents ? [`${name}.evt.>`, 'dlq.>'] : []),
      '$JS.API.>',
      '$JS.ACK.>',
      '$JS.FC.>',
    ].sort(),
    subscribe: [
      ...(role.answersRpc ? [`${name}.rpc.>`] : []),
      '_INBOX.>',
      ...(role.publishesEvents ? ['dlq.>'] : []),
      ...role.consumes.map((s) => `${s}.evt.>`),
    ].sort(),
    denyPublish: ['$JS.API.STREAM.DELETE.>', '$JS.API.STREAM.PURGE.>'],
    allowResponses: role.answersRpc,
  };
}

type ConfUser = {
  user: string;
  password: string;
  permissions?: {
    publish?: { allow?: string[]; deny?: string[] };
    subscribe?: { allow?: string[] };
    allow_responses?: boolean;
  };
};

/** The users of the platform's NATS account, from the ConfigMap that carries the server config. */
export function natsUsers(objects: K8sObject[]): Map<string, ConfUser> {
  const maps = byKind(objects, 'ConfigMap').filter((m) =>
    Object.keys((m.data as Record<string, string>) ?? {}).some((k) => k.endsWith('.conf')),
  );
  if (maps.length !== 1) throw new Error(`${maps.length} ConfigMaps carry a NATS server config`);
  const data = maps[0].data as Record<string, string>;
  const text = Object.entries(data).find(([key]) => key.endsWith('.conf'))?.[1] ?? '';
  const conf = parseNatsConf(text) as { accounts?: NatsConfMap };
  const accounts = Object.values(conf.accounts ?? {}) as {
    jetstream?: string;
    users?: ConfUser[];
  }[];
  if (accounts.length !== 1) throw new Error(`expected one account, found ${accounts.length}`);
  if (accounts[0].jetstream !== 'enabled')
    throw new Error('JetStream is not enabled for the account');
  return new Map((accounts[0].users ?? []).map((u) => [u.user, u]));
}

/** Each app's NATS user has exactly the permissions its role gives, and a password from the environment. */
export function natsPermissionProblems(
  objects: K8sObject[],
  roles: Record<string, NatsRole>,
): string[] {
  const users = natsUsers(objects);
  return Object.entries(roles).flatMap(([name, role]) => {
    const user = users.get(name);
    if (!user) return [`NATS user ${name} is missing`];
    const expected = expectedPermissions(name, role);
    const actual: UserPermissions = {
      publish: [...(user.permissions?.publish?.allow ?? [])].sort(),
      subscribe: [...(user.permissions?.subscribe?.allow ?? [])].sort(),
      denyPublish: user.permissions?.publish?.deny ?? [],
      allowResponses: user.permissions?.allow_responses === true,
    };
    const problems: string[] = [];
    for (const key of ['publish', 'subscribe', 'denyPublish', 'allowResponses'] as const) {
      if (JSON.stringify(actual[key]) !== JSON.stringify(expected[key])) {
        problems.push(
          `NATS user ${name}: ${key} is ${JSON.stringify(actual[key])}, expected ${JSON.stringify(expected[key])}`,
        );
      }
    }
    if (!/^\$[A-Z0-9_]+$/.test(user.password))
      problems.push(`NATS user ${name}: the password is not an environment variable`);
    return problems;
  });
}
