import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { SignJWT, generateKeyPair } from 'jose';
import { request } from './support/http.js';
import { startOidcProvider, type OidcTestProvider } from './support/oidc.js';
import { startPlatform, type Platform } from './support/platform.js';

// AUTH_MODE=oidc against a real OpenID Connect provider: the gateway and the resources service
// both verify the provider's JWT access tokens through its JWKS (ADR 0006).
jest.setTimeout(120_000);

const AUDIENCE = 'https://api.guangming.test';
const ROLES_CLAIM = 'https://guangming.test/roles';
const UNIT_ID = '0f1e2d3c-4b5a-4987-8a6b-5c4d3e2f1a0b';

let idp: OidcTestProvider;
let platform: Platform;
let expiredToken: string;

const researcherClaims = {
  [ROLES_CLAIM]: ['researcher', 'not-a-platform-role'],
  org: { unit: UNIT_ID },
  preferred_username: 'lab-robot',
};

beforeAll(async () => {
  idp = await startOidcProvider({
    'lab-robot': { claims: researcherClaims },
    'short-lived': { claims: researcherClaims, ttlSeconds: 1 },
    'ec-signer': { claims: researcherClaims, alg: 'ES384' },
  });
  // Taken before the platform starts, so it has expired (tolerance included) once the tests run.
  expiredToken = await idp.token('short-lived', AUDIENCE);
  const expiredAt = Date.now() + 1_000 + 5_000 + 500; // its TTL, then the verifiers' clock tolerance
  const auth = {
    AUTH_MODE: 'oidc',
    AUTH_ISSUER: idp.issuer,
    AUTH_AUDIENCE: AUDIENCE,
    AUTH_JWKS_URL: idp.jwksUrl,
    AUTH_ALGORITHMS: 'RS256',
    AUTH_ROLES_CLAIM: ROLES_CLAIM,
    AUTH_UNIT_CLAIM: 'org.unit',
  };
  platform = await startPlatform({ services: ['triage', 'gateway'], env: auth });
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiredAt - Date.now())));
});

afterAll(async () => {
  await platform?.stop();
  await idp?.stop();
});

const me = (token: string) =>
  request<Record<string, unknown>>(platform.baseUrl, '/api/me', { token });

async function expectUnauthenticated(token: string, detail: RegExp): Promise<void> {
  for (const path of ['/api/me', '/api/tickets']) {
    const result = await request<{ status: number; detail: string }>(platform.baseUrl, path, {
      token,
    });
    expect({ path, status: result.status }).toEqual({ path, status: 401 });
    expect(result.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(result.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(result.body.detail).toMatch(detail);
  }
}

describe('OIDC access tokens', () => {
  it('accepts a token of the provider, with roles and unit from the configured claims', async () => {
    const token = await idp.token('lab-robot', AUDIENCE);
    const result = await me(token);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      id: 'lab-robot',
      username: 'lab-robot',
      roles: ['researcher'],
      unitId: UNIT_ID,
    });
  });

  it('lets the service verify the same token over NATS', async () => {
    const token = await idp.token('lab-robot', AUDIENCE);
    // The triage service derives the caller from the forwarded token; anonymous would be 401.
    const result = await request<{ items: unknown[]; total: number }>(
      platform.baseUrl,
      '/api/tickets',
      { token },
    );
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ items: [], total: 0 });
  });

  it('refuses a token issued for another audience', async () => {
    await expectUnauthenticated(
      await idp.token('lab-robot', 'https://other-api.guangming.test'),
      /audience/,
    );
  });

  it('refuses an expired token', async () => {
    await expectUnauthenticated(expiredToken, /expired/);
  });

  it('refuses a token signed by a key the provider does not publish', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT(researcherClaims)
      .setProtectedHeader({ alg: 'RS256', kid: 'rsa-1', typ: 'at+jwt' })
      .setIssuer(idp.issuer)
      .setAudience(AUDIENCE)
      .setSubject('lab-robot')
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(privateKey);
    await expectUnauthenticated(forged, /signature/);
  });

  it('refuses a genuine token whose algorithm is not in AUTH_ALGORITHMS', async () => {
    const token = await idp.token('ec-signer', AUDIENCE);
    // The token itself is sound: the provider signed it with a key its JWKS publishes.
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toMatchObject({
      alg: 'ES384',
    });
    await expectUnauthenticated(token, /algorithm ES384 is not allowed/);
  });

  it('turns the demo sign-in off', async () => {
    const result = await request(platform.baseUrl, '/api/auth/token', {
      json: { username: 'admin', password: 'guangming-demo' },
    });
    expect(result.status).toBe(404);
  });
});
