import { describe, expect, it } from '@jest/globals';
import { AppError } from '@gm/shared-errors';
import { bearerToken } from './nats-headers.js';
import { MALFORMED_PAYLOAD, RpcRequestDeserializer } from './rpc-deserializer.js';
import { fromErrorReply } from './rpc-errors.js';
import { requireRole } from './rpc-handler.js';
import { prefixedSubject, serviceOfSubject } from './subjects.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('subjects', () => {
  it('prefixes only when there is a prefix', () => {
    expect(prefixedSubject('', 'resources.rpc.get-resource')).toBe('resources.rpc.get-resource');
    expect(prefixedSubject(undefined, 'a.b')).toBe('a.b');
    expect(prefixedSubject('t1a2b', 'resources.rpc.get-resource')).toBe(
      't1a2b.resources.rpc.get-resource',
    );
  });

  it('names the service by the first token', () => {
    expect(serviceOfSubject('housing.rpc.list-projects')).toBe('housing');
    expect(serviceOfSubject('plain')).toBe('plain');
  });
});

describe('bearerToken', () => {
  it('reads the token of a Bearer header, whatever the scheme case', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer  abc ')).toBe('abc');
  });

  it('refuses other schemes and empty tokens', () => {
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(bearerToken('Bearer ')).toBeUndefined();
    expect(bearerToken('abc')).toBeUndefined();
  });
});

describe('fromErrorReply', () => {
  it('rebuilds a service’s error reply as it was', () => {
    const reply = {
      code: 'conflict',
      message: 'taken',
      errors: [{ path: 'end', message: 'x' }],
      type: 'booking-overlap',
    };
    expect(fromErrorReply(reply, 'resources').toJSON()).toEqual(reply);
  });

  it('calls a transport failure unavailable, naming the service', () => {
    const error = fromErrorReply(new Error('503'), 'triage');
    expect(error.toJSON()).toEqual({
      code: 'unavailable',
      message: 'triage did not answer in time',
    });
    expect(fromErrorReply('Error: Connection lost. Trying to reconnect...', 'triage').code).toBe(
      'unavailable',
    );
  });

  it('calls a request too large for NATS payload-too-large', () => {
    const error = Object.assign(new Error('maximum payload exceeded'), {
      code: 'MAX_PAYLOAD_EXCEEDED',
    });
    expect(fromErrorReply(error, 'housing').code).toBe('payload-too-large');
  });

  it('calls an answer in no format of ours internal', () => {
    expect(
      fromErrorReply({ status: 'error', message: 'Internal server error' }, 'housing').code,
    ).toBe('internal');
  });
});

describe('RpcRequestDeserializer', () => {
  const deserializer = new RpcRequestDeserializer();
  const options = { channel: 'svc.rpc.x', replyTo: '_INBOX.1' };

  it('passes a Nest packet through', () => {
    const packet = { pattern: 'svc.rpc.x', data: { a: 1 }, id: 'p1' };
    expect(deserializer.deserialize(bytes(JSON.stringify(packet)), options)).toEqual(packet);
  });

  it('gives a plain request with a reply subject an id, so it is answered', () => {
    const packet = deserializer.deserialize(bytes('{"a":1}'), options);
    expect(packet).toEqual({ pattern: 'svc.rpc.x', data: { a: 1 }, id: expect.any(String) });
    expect(deserializer.deserialize(bytes('{"a":1}'), { channel: 'svc.rpc.x' })).toEqual({
      pattern: 'svc.rpc.x',
      data: { a: 1 },
    });
  });

  it('never throws on a body that is not JSON, or is empty', () => {
    expect(deserializer.deserialize(bytes('{oops'), options)).toMatchObject({
      data: MALFORMED_PAYLOAD,
    });
    expect(deserializer.deserialize(new Uint8Array(), options)).toMatchObject({ data: undefined });
  });
});

describe('requireRole', () => {
  const identity = { id: 'u1', username: 'u1', roles: ['researcher' as const] };

  it('returns the identity that has one of the roles (admin has all)', () => {
    expect(requireRole({ subject: 's', identity }, 'researcher', 'talent')).toBe(identity);
    expect(requireRole({ subject: 's', identity }).id).toBe('u1');
    const admin = { ...identity, roles: ['admin' as const] };
    expect(requireRole({ subject: 's', identity: admin }, 'housing-officer')).toBe(admin);
  });

  it('refuses an anonymous call and a missing role', () => {
    expect(() => requireRole({ subject: 's' }, 'researcher')).toThrow(AppError.unauthenticated());
    expect(() => requireRole({ subject: 's', identity }, 'admin')).toThrow(
      /one of these roles is required: admin/,
    );
  });
});
