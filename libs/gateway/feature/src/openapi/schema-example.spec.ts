import { describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { z } from 'zod';
import * as housing from '@gm/housing-contracts';
import * as resources from '@gm/resources-contracts';
import * as triage from '@gm/triage-contracts';
import { exampleOf, patternSample } from './schema-example.js';

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);

const toJson = (schema: z.ZodType, io: 'input' | 'output' = 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;

/** The errors of validating the derived example of `schema` against its own JSON Schema. */
function errorsOf(json: Record<string, unknown>): unknown[] {
  const validate = ajv.compile(json);
  validate(exampleOf(json));
  return validate.errors ?? [];
}

describe('exampleOf', () => {
  it('derives readable values: properties, one item, first enum value, formats, minimums', () => {
    const schema = z.object({
      id: z.uuid(),
      email: z.email(),
      at: z.iso.datetime(),
      day: z.iso.date(),
      kind: z.enum(['instrument', 'laboratory']),
      count: z.number().int().min(3),
      ratio: z.number().gt(0).lt(1),
      fixed: z.literal('v1'),
      withDefault: z.string().default('zh'),
      note: z.string().nullable(),
      code: z.string().regex(/^GM-R-\d{3,}$/),
      tags: z.array(z.string().min(8)),
      scores: z.record(z.enum(['a', 'b']), z.number()),
      nested: z.object({ ok: z.boolean() }).optional(),
    });
    const json = toJson(schema);
    expect(exampleOf(json)).toEqual({
      id: '0190a5e4-7c3b-7d2e-8f4a-1b2c3d4e5f60',
      email: 'researcher@example.org',
      at: '2025-06-02T09:00:00.000Z',
      day: '2025-06-02',
      kind: 'instrument',
      count: 3,
      ratio: 0.5,
      fixed: 'v1',
      withDefault: 'zh',
      note: 'string',
      code: 'GM-R-000',
      tags: ['stringxx'],
      scores: { a: 1, b: 1 },
      nested: { ok: true },
    });
    expect(errorsOf(json)).toEqual([]);
    expect(schema.safeParse(exampleOf(json)).success).toBe(true);
  });

  it('follows $refs and ends recursive schemas', () => {
    interface Node {
      name: string;
      children: Node[];
    }
    const NodeSchema: z.ZodType<Node> = z.object({
      name: z.string(),
      get children() {
        return z.array(NodeSchema);
      },
    });
    const json = toJson(NodeSchema);
    expect(errorsOf(json)).toEqual([]);
    expect(exampleOf(json)).toMatchObject({ name: 'string', children: [{ name: 'string' }] });
  });

  it('samples the simple patterns contracts use and gives up on others', () => {
    expect(patternSample('^(?:[01]\\d|2[0-3]):[0-5]\\d$|^24:00$')).toBe('00:00');
    expect(patternSample('^[0-9a-f]{64}$')).toBe('0'.repeat(64));
    expect(patternSample('^[a-z][a-z0-9-]*$')).toBe('a');
    expect(patternSample('^(?=x)')).toBeUndefined();
    expect(patternSample('^[^a]$')).toBeUndefined();
  });

  // Every schema the three contracts libs export, both as accepted (input) and as written (output).
  const contracts = Object.entries({ ...housing, ...resources, ...triage } as Record<
    string,
    unknown
  >).filter((entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType);

  it('covers the contracts libs', () => {
    expect(contracts.length).toBeGreaterThan(30);
  });

  it.each(contracts)('gives %s an example that its own JSON Schema accepts', (_name, schema) => {
    expect(errorsOf(toJson(schema, 'input'))).toEqual([]);
    expect(errorsOf(toJson(schema, 'output'))).toEqual([]);
  });
});
