import { describe, expect, it } from '@jest/globals';
import type { FastifyRequest } from 'fastify';
import { AppError } from '@gm/shared-errors';
import { bearerToken } from './auth.guard.js';

const request = (authorization?: string) =>
  ({ headers: { authorization } }) as unknown as FastifyRequest;

describe('bearerToken', () => {
  it('reads the token of a Bearer header, in any case', () => {
    expect(bearerToken(request('Bearer abc.def.ghi'))).toBe('abc.def.ghi');
    expect(bearerToken(request('bearer abc'))).toBe('abc');
  });

  it('treats a missing header as anonymous', () => {
    expect(bearerToken(request())).toBeUndefined();
    expect(bearerToken(request(''))).toBeUndefined();
  });

  it('rejects any other scheme or shape as unauthenticated', () => {
    for (const header of ['Basic dXNlcjpwdw==', 'Bearer', 'Bearer a b', 'abc']) {
      expect(() => bearerToken(request(header))).toThrow(AppError);
    }
  });
});
