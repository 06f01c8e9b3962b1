import { describe, expect, it } from '@jest/globals';
import { parseNatsConf } from './nats-conf.js';

describe('parseNatsConf', () => {
  it('reads maps, arrays, quoted and bare strings, numbers, booleans and variables', () => {
    const conf = parseNatsConf(`
      # a comment
      listen: 0.0.0.0:4222
      max_payload = 1048576
      accounts {
        APP {
          jetstream: enabled
          users: [
            { user: svc, password: $SVC_PASSWORD, permissions: { publish: { allow: ["a.>", "$JS.API.>"] }, allow_responses: true } }
            // another comment
            { user: 'other', password: "p#ss" }
          ]
        }
      }
    `);
    expect(conf).toEqual({
      listen: '0.0.0.0:4222',
      max_payload: 1048576,
      accounts: {
        APP: {
          jetstream: 'enabled',
          users: [
            {
              user: 'svc',
              password: '$SVC_PASSWORD',
              permissions: { publish: { allow: ['a.>', '$JS.API.>'] }, allow_responses: true },
            },
            { user: 'other', password: 'p#ss' },
          ],
        },
      },
    });
  });

  it('names the line of a syntax error', () => {
    expect(() => parseNatsConf('a: 1\nb: {\n  c: [1, 2\n')).toThrow(
      'NATS config line 4: missing ]',
    );
  });
});
