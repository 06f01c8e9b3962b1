// Reading Kubernetes manifests without a cluster: YAML documents, and the subset of kustomize
// the overlays under deploy/kubernetes use (resources, components, namespace, images, JSON 6902
// patches). Anything else in a kustomization fails loudly, so the overlays stay checkable here.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** `../shared` beside the repository: public schemas and CRDs, never copied into the repo. */
export const SHARED_DIR = resolve(REPO_ROOT, '../shared');

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** A Kubernetes object as parsed; the checks read what they need through typed views. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export const objectKey = (o: K8sObject): string => `${o.kind}/${o.metadata.name}`;

/** Every document of a YAML file (or text), empty documents dropped; a syntax error throws. */
export function parseYamlDocuments(text: string, source: string): unknown[] {
  return parseAllDocuments(text).flatMap((doc) => {
    if (doc.errors.length > 0) throw new Error(`${source}: ${doc.errors[0].message}`);
    const value: unknown = doc.toJS();
    return value === null || value === undefined ? [] : [value];
  });
}

export function readManifests(file: string): K8sObject[] {
  return parseYamlDocuments(readFileSync(file, 'utf8'), file).map((doc) => asObject(doc, file));
}

function asObject(doc: unknown, source: string): K8sObject {
  const o = doc as Partial<K8sObject>;
  if (
    typeof o?.apiVersion !== 'string' ||
    typeof o.kind !== 'string' ||
    typeof o.metadata?.name !== 'string'
  ) {
    throw new Error(`${source}: a document without apiVersion, kind and metadata.name`);
  }
  return o as K8sObject;
}

interface ImageRule {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

interface PatchTarget {
  kind?: string;
  name?: string;
}

interface Kustomization {
  apiVersion?: string;
  kind?: 'Kustomization' | 'Component';
  resources?: string[];
  components?: string[];
  namespace?: string;
  images?: ImageRule[];
  patches?: { target?: PatchTarget; patch?: string; path?: string }[];
}

const SUPPORTED_FIELDS = new Set([
  'apiVersion',
  'kind',
  'resources',
  'components',
  'namespace',
  'images',
  'patches',
]);

function readKustomization(
  dir: string,
  expectedKind: 'Kustomization' | 'Component',
): Kustomization {
  const file = join(dir, 'kustomization.yaml');
  const k = parse(readFileSync(file, 'utf8')) as Kustomization;
  const unsupported = Object.keys(k).filter((field) => !SUPPORTED_FIELDS.has(field));
  if (unsupported.length > 0) {
    throw new Error(
      `${file}: ${unsupported.join(', ')} not supported by the manifest checks; use resources, components, namespace, images and JSON 6902 patches`,
    );
  }
  if ((k.kind ?? 'Kustomization') !== expectedKind) {
    throw new Error(`${file}: expected kind ${expectedKind}, found ${k.kind}`);
  }
  return k;
}

/** The objects `kustomize build <dir>` produces, for the supported subset. */
export function kustomizeBuild(dir: string): K8sObject[] {
  return build(dir, 'Kustomization', []);
}

function build(
  dir: string,
  kind: 'Kustomization' | 'Component',
  inherited: K8sObject[],
): K8sObject[] {
  const k = readKustomization(dir, kind);
  let objects = [...inherited];
  for (const entry of k.resources ?? []) {
    const path = resolve(dir, entry);
    objects.push(
      ...(statSync(path).isDirectory() ? build(path, 'Kustomization', []) : readManifests(path)),
    );
  }
  for (const entry of k.components ?? []) {
    objects = build(resolve(dir, entry), 'Component', objects);
  }
  for (const patch of k.patches ?? []) {
    const text =
      patch.patch ?? (patch.path ? readFileSync(resolve(dir, patch.path), 'utf8') : undefined);
    if (text === undefined) throw new Error(`${dir}: a patch without patch or path`);
    const operations = parse(text) as unknown;
    if (!Array.isArray(operations))
      throw new Error(`${dir}: only JSON 6902 patches (a list of operations) are supported`);
    const targets = objects.filter((o) => matchesTarget(o, patch.target ?? {}));
    if (targets.length === 0)
      throw new Error(`${dir}: patch target ${JSON.stringify(patch.target)} matches nothing`);
    for (const target of targets) applyJsonPatch(target, operations as JsonPatchOperation[]);
  }
  for (const rule of k.images ?? []) {
    for (const o of objects) rewriteImages(o, rule);
  }
  if (k.namespace) {
    for (const o of objects) o.metadata.namespace = k.namespace;
  }
  return objects;
}

const matchesTarget = (o: K8sObject, target: PatchTarget): boolean =>
  (!target.kind || o.kind === target.kind) && (!target.name || o.metadata.name === target.name);

function rewriteImages(o: K8sObject, rule: ImageRule): void {
  const podSpec = podSpecOf(o);
  if (!podSpec) return;
  for (const container of [...(podSpec.containers ?? []), ...(podSpec.initContainers ?? [])]) {
    const name = container.image.split('@')[0].replace(/:[^/:]+$/, '');
    if (name !== rule.name) continue;
    const newName = rule.newName ?? name;
    container.image = rule.digest
      ? `${newName}@${rule.digest}`
      : rule.newTag
        ? `${newName}:${rule.newTag}`
        : newName;
  }
}

export interface JsonPatchOperation {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

/** RFC 6902 add/replace/remove, in place; a path that does not exist throws. */
export function applyJsonPatch(target: object, operations: JsonPatchOperation[]): void {
  for (const { op, path, value } of operations) {
    const tokens = path
      .split('/')
      .slice(1)
      .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = tokens.pop();
    if (last === undefined) throw new Error(`patch path "${path}" is empty`);
    let parent: unknown = target;
    for (const token of tokens) {
      parent = (parent as Record<string, unknown> | undefined)?.[token];
      if (parent === undefined || parent === null)
        throw new Error(`patch path "${path}" does not exist`);
    }
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (!Number.isInteger(index) || index < 0 || index > parent.length) {
        throw new Error(`patch path "${path}": bad index`);
      }
      if (op === 'add') parent.splice(index, 0, value);
      else if (index >= parent.length) throw new Error(`patch path "${path}" does not exist`);
      else if (op === 'replace') parent[index] = value;
      else parent.splice(index, 1);
    } else {
      const map = parent as Record<string, unknown>;
      if (op !== 'add' && !(last in map)) throw new Error(`patch path "${path}" does not exist`);
      if (op === 'remove') delete map[last];
      else map[last] = value;
    }
  }
}

// Typed views of the parts of workloads the checks read.

export interface Probe {
  httpGet?: { path: string; port: string | number };
  periodSeconds?: number;
  failureThreshold?: number;
}

export interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { drop?: string[]; add?: string[] };
  seccompProfile?: { type: string };
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string };
    configMapKeyRef?: { name: string; key: string };
  };
}

export interface Container {
  name: string;
  image: string;
  args?: string[];
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  resources?: {
    requests?: Record<string, string | number>;
    limits?: Record<string, string | number>;
  };
  securityContext?: SecurityContext;
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
}

export interface PodSpec {
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  restartPolicy?: string;
  securityContext?: SecurityContext & { fsGroup?: number };
  containers: Container[];
  initContainers?: Container[];
  topologySpreadConstraints?: {
    topologyKey: string;
    labelSelector?: { matchLabels?: Record<string, string> };
  }[];
}

export interface PodTemplate {
  metadata?: { labels?: Record<string, string> };
  spec: PodSpec;
}

/** The pod template of a Deployment or Job, if the object has one. */
export function podTemplateOf(o: K8sObject): PodTemplate | undefined {
  if (o.kind !== 'Deployment' && o.kind !== 'Job') return undefined;
  return (o.spec as { template?: PodTemplate } | undefined)?.template;
}

export const podSpecOf = (o: K8sObject): PodSpec | undefined => podTemplateOf(o)?.spec;

export const specOf = <T>(o: K8sObject): T => o.spec as T;

/** Whether a matchLabels selector selects a set of labels. */
export const selects = (
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
) =>
  selector !== undefined &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([k, v]) => labels?.[k] === v);

export const sharedFile = (relative: string): string | undefined => {
  const path = join(SHARED_DIR, relative);
  return existsSync(path) ? path : undefined;
};
