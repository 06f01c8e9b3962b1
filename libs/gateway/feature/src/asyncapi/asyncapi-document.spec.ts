import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import specs from '@asyncapi/specs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { event } from '@gm/shared-contracts';
import { z } from 'zod';
import { catalogueOf, platformEventCatalogue } from '../events/event-catalogue.js';
import { API_VERSION } from '../openapi/openapi.controller.js';
import { buildAsyncApiDocument } from './asyncapi-document.js';

const validate = (() => {
  // The AsyncAPI schema bundles the draft-07 meta-schema itself, so Ajv must not add its own.
  const ajv = new Ajv({ meta: false, validateSchema: false, strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(specs.schemas['3.0.0'] as object);
})();

const committed = new URL('../../../../../docs/asyncapi.json', import.meta.url);

describe('the AsyncAPI document', () => {
  const document = buildAsyncApiDocument(platformEventCatalogue(), API_VERSION);

  it('is a valid AsyncAPI 3.0 document', () => {
    const valid = validate(document);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('has a channel and a send operation for every event of the three contracts libs', () => {
    const addresses = Object.values(document.channels).map(
      (c) => (c as { address: string }).address,
    );
    expect(addresses).toEqual([...platformEventCatalogue().keys()].sort());
    expect(addresses.length).toBeGreaterThan(0);
    expect(Object.keys(document.operations)).toHaveLength(addresses.length);
  });

  it('is invalid when a channel loses its address (the validator is not a rubber stamp)', () => {
    const broken = structuredClone(document) as { channels: Record<string, { address?: unknown }> };
    Object.values(broken.channels)[0]!.address = 42;
    expect(validate(broken)).toBe(false);
  });

  it('marks visibility and wraps the data in the CloudEvents envelope', () => {
    const catalogue = catalogueOf([
      event('test.evt.thing.shown.v1', z.object({ n: z.number() }), { public: true }),
      event('test.evt.thing.personal.v1', z.object({ userId: z.string() }), {
        audience: (d) => [{ userId: d.userId }],
      }),
      event('test.evt.thing.internal.v1', z.object({})),
    ]);
    const doc = buildAsyncApiDocument(catalogue, '1');
    const messages = doc.components.messages as Record<string, Record<string, unknown>>;
    expect(messages['test-evt-thing-shown-v1']).toMatchObject({
      'x-visibility': 'public',
      payload: {
        required: expect.arrayContaining(['specversion', 'id', 'type', 'data']),
        properties: {
          type: { const: 'test.evt.thing.shown.v1' },
          data: { type: 'object', properties: { n: { type: 'number' } } },
        },
      },
    });
    expect(messages['test-evt-thing-personal-v1']!['x-visibility']).toBe('audience');
    expect(messages['test-evt-thing-internal-v1']!['x-visibility']).toBe('internal');
  });

  it('is committed up to date in docs/asyncapi.json (run `npm run asyncapi`)', () => {
    expect(JSON.parse(readFileSync(committed, 'utf8'))).toEqual(document);
  });
});
