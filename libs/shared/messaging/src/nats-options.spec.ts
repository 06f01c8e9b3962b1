import { describe, expect, it } from '@jest/globals';
import { natsConnectionOptions } from './nats-options.js';

describe('natsConnectionOptions', () => {
  it('passes a plain URL through', () => {
    expect(natsConnectionOptions('nats://127.0.0.1:4222', {})).toEqual({
      servers: 'nats://127.0.0.1:4222',
    });
  });

  it('signs in with NATS_USER and NATS_PASSWORD when the URL has no credentials', () => {
    const env = { NATS_USER: 'triage', NATS_PASSWORD: 'pw' };
    expect(natsConnectionOptions('nats://nats:4222', env)).toEqual({
      servers: 'nats://nats:4222',
      user: 'triage',
      pass: 'pw',
    });
    expect(natsConnectionOptions('nats://a:b@nats:4222', env)).toMatchObject({
      user: 'a',
      pass: 'b',
    });
  });

  it('moves user and password out of the URL', () => {
    expect(natsConnectionOptions('nats://resources:s%40cret@nats:4222')).toEqual({
      servers: ['nats://nats:4222'],
      user: 'resources',
      pass: 's@cret',
    });
  });

  it('reads a lone user part as a token, for every server of a list', () => {
    expect(natsConnectionOptions('nats://tok@a:4222, nats://tok@b:4222')).toEqual({
      servers: ['nats://a:4222', 'nats://b:4222'],
      token: 'tok',
    });
  });
});
