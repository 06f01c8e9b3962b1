import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@gm/shared-config';
import { loadGatewayConfig } from './gateway-config.js';

const SECRET = 'x'.repeat(40);

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadGatewayConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.split(':')[0]!).sort();
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('gateway configuration', () => {
  it('serves on port 3000 with sane limits by default', () => {
    const config = loadGatewayConfig({ AUTH_DEMO_SECRET: SECRET });
    expect(config).toMatchObject({
      PORT: 3000,
      RPC_TIMEOUT_MS: 5000,
      BODY_LIMIT_BYTES: 1024 * 1024,
      RATE_LIMIT_PER_MINUTE: 600,
      CORS_ORIGINS: [],
      AUTH_MODE: 'demo',
    });
  });

  it('reads CORS origins as a list', () => {
    const config = loadGatewayConfig({
      AUTH_DEMO_SECRET: SECRET,
      CORS_ORIGINS: 'https://portal.example, https://admin.example',
    });
    expect(config.CORS_ORIGINS).toEqual(['https://portal.example', 'https://admin.example']);
  });

  it('trusts no proxy by default, and reads hops, true or address ranges', () => {
    const trust = (TRUST_PROXY?: string) =>
      loadGatewayConfig({
        AUTH_DEMO_SECRET: SECRET,
        ...(TRUST_PROXY === undefined ? {} : { TRUST_PROXY }),
      }).TRUST_PROXY;
    expect(trust()).toBe(false);
    expect(trust('')).toBe(false);
    expect(trust('true')).toBe(true);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.0/8, 127.0.0.1, ::1, fd00::/8')).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
      'fd00::/8',
    ]);
    expect(problemsOf({ AUTH_DEMO_SECRET: SECRET, TRUST_PROXY: 'ingress.local' })).toEqual([
      'TRUST_PROXY',
    ]);
    expect(problemsOf({ AUTH_DEMO_SECRET: SECRET, TRUST_PROXY: '10.0.0.0/33' })).toEqual([
      'TRUST_PROXY',
    ]);
  });

  it('names every bad variable', () => {
    expect(
      problemsOf({
        AUTH_DEMO_SECRET: SECRET,
        PORT: 'x',
        RPC_TIMEOUT_MS: '0',
        CORS_ORIGINS: 'nope',
      }),
    ).toEqual(['CORS_ORIGINS.0', 'PORT', 'RPC_TIMEOUT_MS']);
  });

  it('needs the demo secret in demo mode and the provider in OIDC mode', () => {
    expect(problemsOf({})).toEqual(['AUTH_DEMO_SECRET']);
    expect(problemsOf({ AUTH_MODE: 'oidc' })).toEqual([
      'AUTH_AUDIENCE',
      'AUTH_ISSUER',
      'AUTH_JWKS_URL',
    ]);
  });
});
