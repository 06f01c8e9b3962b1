// Validates custom resources against the openAPIV3Schema of their CRD, the way the API server
// does with strict field validation: unknown fields are errors, not silently pruned.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { parseYamlDocuments, type K8sObject } from './manifests.js';

interface CrdVersion {
  name: string;
  served: boolean;
  schema?: { openAPIV3Schema: JsonSchema };
}

interface Crd {
  kind: string;
  spec: { group: string; names: { kind: string }; versions: CrdVersion[] };
}

type JsonSchema = { [keyword: string]: unknown };

/** One validator per apiVersion + kind found in the CRD files given. */
export class CrdValidators {
  readonly #ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  readonly #validators = new Map<string, ValidateFunction>();

  constructor(crdFiles: string[]) {
    for (const file of crdFiles) {
      for (const doc of parseYamlDocuments(readFileSync(file, 'utf8'), file) as Crd[]) {
        if (doc.kind !== 'CustomResourceDefinition') continue;
        for (const version of doc.spec.versions) {
          if (!version.served || !version.schema) continue;
          const key = `${doc.spec.group}/${version.name}:${doc.spec.names.kind}`;
          this.#validators.set(
            key,
            this.#ajv.compile(strictFields(version.schema.openAPIV3Schema, true)),
          );
        }
      }
    }
  }

  /** The schema's complaints about an object, as `path: message` lines; [] when it is valid. */
  errors(o: K8sObject): string[] {
    const validate = this.#validators.get(`${o.apiVersion}:${o.kind}`);
    if (!validate) return [`no served CRD version defines ${o.apiVersion} ${o.kind}`];
    return validate(o) ? [] : (validate.errors ?? []).map(describeError);
  }
}

export const describeError = (e: ErrorObject): string => {
  const extra =
    e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : '';
  return `${e.instancePath || '/'}: ${e.message ?? e.keyword}${extra}`;
};

/**
 * A copy of a structural schema where objects with declared properties accept no others, as the
 * API server's strict field validation does. The root stays open: CRD schemas rarely declare
 * apiVersion, kind and metadata.
 */
function strictFields(schema: JsonSchema, root = false): JsonSchema {
  const out: JsonSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === 'properties' && isRecord(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, isRecord(sub) ? strictFields(sub) : sub]),
      );
    } else if ((keyword === 'items' || keyword === 'additionalProperties') && isRecord(value)) {
      out[keyword] = strictFields(value);
    } else {
      // allOf/anyOf/oneOf branches only constrain the fields declared beside them: kept as they are.
      out[keyword] = value;
    }
  }
  const open =
    schema['x-kubernetes-preserve-unknown-fields'] === true || 'additionalProperties' in schema;
  if (!root && !open && isRecord(schema.properties)) out.additionalProperties = false;
  return out;
}

const isRecord = (v: unknown): v is JsonSchema =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
