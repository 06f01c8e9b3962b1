import { describe, expect, it } from '@jest/globals';
import { ConfigError, baseEnvSchema, loadConfig } from '@gm/shared-config';
import { assertAuthConfig, authEnvSchema } from './index.js';

const SECRET = 'a-demo-secret-that-is-long-enough-1234';

const problemNames = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError)
      return error.problems.map((p) => p.split(':')[0] ?? '').sort();
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('authEnvSchema', () => {
  it('defaults to demo mode with the standard claim names and algorithms', () => {
    const config = loadConfig(authEnvSchema, { AUTH_DEMO_SECRET: SECRET });
    expect(config).toMatchObject({
      AUTH_MODE: 'demo',
      AUTH_TOKEN_TTL_SECONDS: 900,
      AUTH_ALGORITHMS: ['RS256', 'ES256', 'EdDSA'],
      AUTH_ROLES_CLAIM: 'roles',
      AUTH_UNIT_CLAIM: 'unit_id',
      AUTH_DEPARTMENT_CLAIM: 'department_id',
      AUTH_USERNAME_CLAIM: 'preferred_username',
    });
  });

  it('names AUTH_DEMO_SECRET when demo mode lacks it or it is short', () => {
    expect(problemNames(() => loadConfig(authEnvSchema, {}))).toEqual(['AUTH_DEMO_SECRET']);
    expect(problemNames(() => loadConfig(authEnvSchema, { AUTH_DEMO_SECRET: 'short' }))).toEqual([
      'AUTH_DEMO_SECRET',
    ]);
  });

  it('names every variable oidc mode needs', () => {
    expect(problemNames(() => loadConfig(authEnvSchema, { AUTH_MODE: 'oidc' }))).toEqual([
      'AUTH_AUDIENCE',
      'AUTH_ISSUER',
      'AUTH_JWKS_URL',
    ]);
  });

  it('accepts only asymmetric algorithms', () => {
    const env = {
      AUTH_MODE: 'oidc',
      AUTH_JWKS_URL: 'https://idp.example/jwks',
      AUTH_ISSUER: 'https://idp.example',
      AUTH_AUDIENCE: 'platform',
    };
    expect(
      loadConfig(authEnvSchema, { ...env, AUTH_ALGORITHMS: ' RS256 , PS256' }).AUTH_ALGORITHMS,
    ).toEqual(['RS256', 'PS256']);
    expect(
      problemNames(() => loadConfig(authEnvSchema, { ...env, AUTH_ALGORITHMS: 'RS256,HS256' })),
    ).toEqual(['AUTH_ALGORITHMS']);
    expect(
      problemNames(() => loadConfig(authEnvSchema, { ...env, AUTH_ALGORITHMS: 'none' })),
    ).toEqual(['AUTH_ALGORITHMS']);
  });

  it('keeps the mode rules when only its shape is merged into a bigger schema', () => {
    const merged = loadConfig(baseEnvSchema.extend(authEnvSchema.shape), {});
    expect(problemNames(() => assertAuthConfig(merged))).toEqual(['AUTH_DEMO_SECRET']);
  });
});
