/**
 * A deterministic example of a JSON Schema (the 2020-12 dialect `z.toJSONSchema` writes), so that
 * every operation of the OpenAPI document shows a body without 60 hand-written examples. The
 * example is plausible, not random: the same schema always gives the same value.
 */
type JsonSchema = Record<string, unknown>;

/** Fixed values of the string formats zod writes; each also matches zod's own pattern. */
const FORMAT_SAMPLES: Record<string, string> = {
  uuid: '0190a5e4-7c3b-7d2e-8f4a-1b2c3d4e5f60',
  guid: '0190a5e4-7c3b-7d2e-8f4a-1b2c3d4e5f60',
  'date-time': '2025-06-02T09:00:00.000Z',
  date: '2025-06-02',
  time: '09:00:00',
  duration: 'PT1H',
  email: 'researcher@example.org',
  uri: 'https://example.org/',
  url: 'https://example.org/',
  hostname: 'example.org',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  cuid: 'cjld2cjxh0000qzrmn831i7rn',
  cuid2: 'tz4a98xxat96iws9zmbrgj3a',
  ulid: '01J0AAAAAAAAAAAAAAAAAAAAAA',
  base64: 'Z20=',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln',
};

/** Arrays deeper than this are left empty, which ends recursive schemas. */
const MAX_DEPTH = 8;

interface Context {
  root: JsonSchema;
  depth: number;
}

/** An example value of `schema`; `root` resolves its local `$ref`s (default: the schema itself). */
export function exampleOf(schema: JsonSchema, root: JsonSchema = schema): unknown {
  return example(schema, { root, depth: 0 });
}

function example(schema: JsonSchema, ctx: Context): unknown {
  if ('const' in schema) return schema['const'];
  if (Array.isArray(schema['examples']) && schema['examples'].length > 0) {
    return schema['examples'][0];
  }
  if ('example' in schema) return schema['example'];
  if ('default' in schema) return schema['default'];
  if (Array.isArray(schema['enum']) && schema['enum'].length > 0) return schema['enum'][0];
  if (typeof schema['$ref'] === 'string') return example(resolve(schema['$ref'], ctx.root), ctx);

  const branches = (schema['anyOf'] ?? schema['oneOf']) as JsonSchema[] | undefined;
  if (branches?.length) {
    // Nullable and optional values show their non-null form.
    const branch = branches.find((b) => b['type'] !== 'null') ?? branches[0]!;
    return example({ ...withoutKeys(schema, 'anyOf', 'oneOf'), ...branch }, ctx);
  }
  if (Array.isArray(schema['allOf'])) {
    const parts = (schema['allOf'] as JsonSchema[]).map((part) => example(part, ctx));
    return parts.every(isPlainObject) ? Object.assign({}, ...parts) : parts[0];
  }

  switch (typeOf(schema)) {
    case 'object':
      return objectExample(schema, ctx);
    case 'array':
      return arrayExample(schema, ctx);
    case 'string':
      return stringExample(schema);
    case 'integer':
      return numberExample(schema, true);
    case 'number':
      return numberExample(schema, false);
    case 'boolean':
      return true;
    default:
      // `{}` (any value) and `{ type: 'null' }`.
      return null;
  }
}

function typeOf(schema: JsonSchema): string | undefined {
  const type = schema['type'];
  if (Array.isArray(type)) return (type as string[]).find((t) => t !== 'null') ?? 'null';
  if (typeof type === 'string') return type;
  if (schema['properties'] || schema['additionalProperties']) return 'object';
  if (schema['items'] || schema['prefixItems']) return 'array';
  return undefined;
}

function resolve(ref: string, root: JsonSchema): JsonSchema {
  if (!ref.startsWith('#')) throw new Error(`cannot resolve the external $ref ${ref}`);
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Record<string, unknown> | undefined)?.[key];
  }
  if (!isPlainObject(node)) throw new Error(`the $ref ${ref} points at nothing`);
  return node as JsonSchema;
}

function objectExample(schema: JsonSchema, ctx: Context): Record<string, unknown> {
  const inner = { ...ctx, depth: ctx.depth + 1 };
  const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
  const result: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    result[name] = example(property, inner);
  }
  const additional = schema['additionalProperties'];
  if (Object.keys(properties).length === 0 && isPlainObject(additional)) {
    // A record: one entry per allowed key when the keys are an enum, otherwise one sample entry.
    const names = (schema['propertyNames'] ?? { type: 'string' }) as JsonSchema;
    const keys = Array.isArray(names['enum'])
      ? (names['enum'] as unknown[]).map(String)
      : [String(example({ ...names, type: 'string' }, inner))];
    for (const key of keys) result[key] = example(additional as JsonSchema, inner);
  }
  return result;
}

function arrayExample(schema: JsonSchema, ctx: Context): unknown[] {
  const inner = { ...ctx, depth: ctx.depth + 1 };
  const prefix = (schema['prefixItems'] ?? []) as JsonSchema[];
  const items = schema['items'];
  const result = prefix.map((item) => example(item, inner));
  const minItems = typeof schema['minItems'] === 'number' ? schema['minItems'] : 0;
  if (isPlainObject(items) && (ctx.depth < MAX_DEPTH || result.length < minItems)) {
    const count = Math.max(minItems - result.length, result.length === 0 ? 1 : 0);
    for (let i = 0; i < count; i++) result.push(example(items as JsonSchema, inner));
  }
  return result;
}

function stringExample(schema: JsonSchema): string {
  const pattern = typeof schema['pattern'] === 'string' ? new RegExp(schema['pattern'], 'u') : null;
  const format =
    typeof schema['format'] === 'string' ? FORMAT_SAMPLES[schema['format']] : undefined;
  if (format !== undefined && (!pattern || pattern.test(format))) return format;
  if (pattern) {
    const sample = patternSample(schema['pattern'] as string);
    if (sample !== undefined && pattern.test(sample)) return sample;
  }
  const min = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
  const max = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : Infinity;
  let text = 'string';
  if (text.length < min) text = text.padEnd(min, 'x');
  return text.slice(0, max);
}

function numberExample(schema: JsonSchema, integer: boolean): number {
  const num = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : null);
  const step = num('multipleOf') ?? (integer ? 1 : null);
  let value: number;
  if (num('minimum') !== null) value = num('minimum')!;
  else if (num('exclusiveMinimum') !== null) value = num('exclusiveMinimum')! + (step ?? 0.5);
  else value = 1;
  if (num('maximum') !== null) value = Math.min(value, num('maximum')!);
  if (num('exclusiveMaximum') !== null && value >= num('exclusiveMaximum')!) {
    value = num('exclusiveMaximum')! - (step ?? 0.5);
  }
  if (step) value = Math.ceil(value / step) * step;
  return value;
}

/**
 * A string matching the simple patterns contracts use: anchors, literals, classes, `\d \w \s`,
 * groups with alternation (the first alternative) and quantifiers (their minimum, at least one
 * for `+`). Undefined for anything else; the caller checks the sample against the pattern.
 */
export function patternSample(pattern: string): string | undefined {
  try {
    const [sample, end] = alternation(pattern, 0);
    return end === pattern.length ? sample : undefined;
  } catch {
    return undefined;
  }
}

/** Parses `a|b|…` from `at` up to a `)` or the end; the sample is the first alternative's. */
function alternation(pattern: string, at: number): [string, number] {
  const [first, end] = sequence(pattern, at);
  let i = end;
  while (pattern[i] === '|') [, i] = sequence(pattern, i + 1);
  return [first, i];
}

function sequence(pattern: string, at: number): [string, number] {
  let out = '';
  let i = at;
  while (i < pattern.length && pattern[i] !== '|' && pattern[i] !== ')') {
    let atom: string;
    const c = pattern[i]!;
    if (c === '^' || c === '$') {
      i++;
      continue;
    } else if (c === '(') {
      i++;
      if (pattern[i] === '?') {
        if (pattern[i + 1] !== ':') throw new Error('unsupported group');
        i += 2;
      }
      [atom, i] = alternation(pattern, i);
      if (pattern[i] !== ')') throw new Error('unclosed group');
      i++;
    } else if (c === '[') {
      [atom, i] = characterClass(pattern, i + 1);
    } else if (c === '\\') {
      atom = escaped(pattern[i + 1]!);
      i += 2;
    } else if (c === '.') {
      atom = 'a';
      i++;
    } else if ('*+?{'.includes(c)) {
      throw new Error('dangling quantifier');
    } else {
      atom = c;
      i++;
    }
    let times = 1;
    const q = pattern[i];
    if (q === '*' || q === '?') [times, i] = [0, i + 1];
    else if (q === '+') [times, i] = [1, i + 1];
    else if (q === '{') {
      const close = pattern.indexOf('}', i);
      const match = /^\{(\d+)(,\d*)?\}$/.exec(pattern.slice(i, close + 1));
      if (!match) throw new Error('unsupported quantifier');
      [times, i] = [Number(match[1]), close + 1];
    }
    if (pattern[i] === '?') i++; // lazy
    out += atom.repeat(times);
  }
  return [out, i];
}

function escaped(c: string): string {
  if (c === 'd') return '0';
  if (c === 'w') return 'a';
  if (c === 's') return ' ';
  if (/[A-Za-z0-9]/.test(c)) throw new Error(`unsupported escape \\${c}`);
  return c;
}

/** The first character a `[…]` class allows (negated classes are not supported). */
function characterClass(pattern: string, at: number): [string, number] {
  if (pattern[at] === '^') throw new Error('negated class');
  const close = pattern.indexOf(']', at + 1);
  if (close < 0) throw new Error('unclosed class');
  const first = pattern[at] === '\\' ? escaped(pattern[at + 1]!) : pattern[at]!;
  return [first, close + 1];
}

function withoutKeys(schema: JsonSchema, ...keys: string[]): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => !keys.includes(key)));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
