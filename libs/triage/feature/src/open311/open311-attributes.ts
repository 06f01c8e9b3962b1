import { z } from 'zod';
import type { FieldError } from '@gm/shared-errors';
import type { Open311Attribute } from '@gm/triage-contracts';

/** The JSON Schema of one details field, as zod writes it: the parts an Open311 attribute needs. */
interface FieldSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  description?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  items?: FieldSchema;
}

interface ObjectSchema {
  properties?: Record<string, FieldSchema>;
  required?: string[];
}

/** Strings longer than this are asked as `text` (a text area), shorter ones as `string`. */
const TEXT_OVER = 200;

function fieldsOf(schema: z.ZodObject): { code: string; field: FieldSchema; required: boolean }[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as ObjectSchema;
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([code, field]) => ({
    code,
    field,
    required: required.has(code),
  }));
}

/** `householdSize` → `Household size`. */
function humanise(code: string): string {
  const words = code.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function range(min: number | undefined, max: number | undefined, unit: string): string {
  if (min !== undefined && max !== undefined) return `${min} to ${max} ${unit}`;
  if (min !== undefined) return `at least ${min} ${unit}`;
  if (max !== undefined) return `at most ${max} ${unit}`;
  return '';
}

function describeScalar(field: FieldSchema): string {
  if (field.format === 'uuid') return 'an id (uuid)';
  if (field.format === 'date') return 'a date, YYYY-MM-DD';
  if (field.format === 'date-time') return 'a date and time, ISO 8601 with an offset';
  if (field.type === 'integer' || field.type === 'number') {
    const kind = field.type === 'integer' ? 'a whole number' : 'a number';
    const min = field.minimum ?? field.exclusiveMinimum;
    const bounds = range(min, field.maximum, '').trim();
    const above = field.exclusiveMinimum !== undefined && field.minimum === undefined;
    return bounds ? `${kind}${above ? ' above' : ''}, ${bounds}` : kind;
  }
  const length = range(field.minLength, field.maxLength, 'characters');
  return length ? `text, ${length}` : 'text';
}

function attributeOf(
  code: string,
  field: FieldSchema,
  required: boolean,
  order: number,
): Open311Attribute {
  const base = {
    variable: true,
    code,
    required,
    order,
    description: field.description ?? humanise(code),
  };
  const options = (values: unknown[]) => values.map((v) => ({ key: String(v), name: String(v) }));
  if (field.enum) {
    return {
      ...base,
      datatype: 'singlevaluelist',
      datatype_description: 'one of the values',
      values: options(field.enum),
    };
  }
  if (field.type === 'boolean') {
    return {
      ...base,
      datatype: 'singlevaluelist',
      datatype_description: 'true or false',
      values: options([true, false]),
    };
  }
  if (field.type === 'array') {
    const items = field.items ?? {};
    const count = range(field.minItems, field.maxItems, 'values');
    if (items.enum) {
      return {
        ...base,
        datatype: 'multivaluelist',
        datatype_description: count ? `${count} of the values` : 'any of the values',
        values: options(items.enum),
      };
    }
    // A list of free values (e.g. project ids) has no value list to offer: comma-separated text.
    return {
      ...base,
      datatype: 'string',
      datatype_description: `${count || 'one or more values'}, comma-separated, each ${describeScalar(items)}`,
    };
  }
  if (field.type === 'integer' || field.type === 'number') {
    return { ...base, datatype: 'number', datatype_description: describeScalar(field) };
  }
  if (field.format === 'date' || field.format === 'date-time') {
    return { ...base, datatype: 'datetime', datatype_description: describeScalar(field) };
  }
  const long = field.maxLength === undefined || field.maxLength > TEXT_OVER;
  return {
    ...base,
    datatype: long && field.format === undefined ? 'text' : 'string',
    datatype_description: describeScalar(field),
  };
}

/** The Open311 attributes of a category's details schema, in the schema's field order. */
export function open311Attributes(schema: z.ZodObject | undefined): Open311Attribute[] {
  if (!schema) return [];
  return fieldsOf(schema).map(({ code, field, required }, i) =>
    attributeOf(code, field, required, i + 1),
  );
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function coerce(field: FieldSchema, raw: string | string[]): unknown {
  if (field.type === 'array') {
    const values = Array.isArray(raw) ? raw : raw.split(',');
    return values
      .map((v) => v.trim())
      .filter((v) => v !== '')
      .map((v) => coerce(field.items ?? {}, v));
  }
  const value = (Array.isArray(raw) ? raw.join(',') : raw).trim();
  if (field.type === 'integer' || field.type === 'number') {
    return NUMBER.test(value) ? Number(value) : value;
  }
  if (field.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  // An Open311 datetime for a date field: its calendar date as written (the offset is the sender's).
  if (field.format === 'date')
    return /^\d{4}-\d{2}-\d{2}T/.test(value) ? value.slice(0, 10) : value;
  return value;
}

const isBlank = (raw: string | string[]) =>
  Array.isArray(raw) ? raw.every((v) => v.trim() === '') : raw.trim() === '';

/**
 * The ticket's `details` from the posted `attribute[code]` values: each value typed by its field
 * (numbers, lists), blanks left out so optional fields may be sent empty. The details schema
 * itself checks the result; unknown attribute codes are refused here.
 */
export function detailsFromAttributes(
  schema: z.ZodObject | undefined,
  attributes: Record<string, string | string[]>,
): { details: Record<string, unknown> | undefined; errors: FieldError[] } {
  const fields = new Map(schema ? fieldsOf(schema).map((f) => [f.code, f.field]) : []);
  const details: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const [code, raw] of Object.entries(attributes)) {
    const field = fields.get(code);
    if (!field) {
      errors.push({
        path: `attribute[${code}]`,
        message: 'this service has no such attribute',
        code: 'open311.unknown-attribute',
      });
    } else if (!isBlank(raw)) {
      details[code] = coerce(field, raw);
    }
  }
  return { details: schema ? details : undefined, errors };
}
