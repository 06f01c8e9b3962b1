import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  SignJWT,
  UnsecuredJWT,
  exportJWK,
  generateKeyPair,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import { ConfigError } from '@gm/shared-config';
import type { Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import {
  DEMO_AUDIENCE,
  DEMO_ISSUER,
  DemoTokenIssuer,
  TokenVerifier,
  authEnvSchema,
  type AuthConfig,
} from './index.js';

const SECRET = 'test-secret-of-at-least-thirty-two-characters';
const demoConfig: AuthConfig = authEnvSchema.parse({ AUTH_DEMO_SECRET: SECRET });
const secretKey = (secret: string) => new TextEncoder().encode(secret);
const now = () => Math.floor(Date.now() / 1000);

const researcher: Identity = {
  id: 'user-1',
  username: 'researcher1',
  roles: ['researcher'],
  unitId: '1b4e28ba-2fa1-4d2b-883f-0016d3cca427',
};

/** The AppError a verification failed with. */
async function rejectionOf(verifier: TokenVerifier, token: string): Promise<AppError> {
  try {
    await verifier.verify(token);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the token was accepted');
}

interface Claims {
  alg?: string;
  kid?: string;
  iss?: string;
  aud?: string;
  exp?: number;
  sub?: string | null;
  extra?: JWTPayload;
}

function sign(key: CryptoKey | Uint8Array, claims: Claims = {}): Promise<string> {
  const jwt = new SignJWT({ roles: ['researcher'], preferred_username: 'r1', ...claims.extra })
    .setProtectedHeader({ alg: claims.alg ?? 'HS256', ...(claims.kid ? { kid: claims.kid } : {}) })
    .setIssuer(claims.iss ?? DEMO_ISSUER)
    .setAudience(claims.aud ?? DEMO_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(claims.exp ?? now() + 300);
  if (claims.sub !== null) jwt.setSubject(claims.sub ?? 'user-1');
  return jwt.sign(key);
}

describe('demo mode', () => {
  const verifier = new TokenVerifier(demoConfig);
  const key = secretKey(SECRET);

  it('verifies what the demo issuer signs, back to the same identity', async () => {
    const issued = await new DemoTokenIssuer(demoConfig).issue(researcher);
    expect(issued).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 900,
    });
    expect(await verifier.verify(issued.accessToken)).toEqual(researcher);
  });

  it('writes issuer, audience, subject, expiry and the configured claim names', async () => {
    const config = authEnvSchema.parse({
      AUTH_DEMO_SECRET: SECRET,
      AUTH_ROLES_CLAIM: 'groups',
      AUTH_TOKEN_TTL_SECONDS: '120',
    });
    const officer: Identity = {
      id: 'user-2',
      username: 'officer.housing',
      roles: ['department-officer'],
      departmentId: '6f1c2a57-3b8e-4d0a-9a41-5e2b8f0c7d13',
    };
    const { accessToken, expiresIn } = await new DemoTokenIssuer(config).issue(officer);
    const payload = JSON.parse(
      Buffer.from(accessToken.split('.')[1] as string, 'base64url').toString(),
    );
    expect(payload).toMatchObject({
      iss: DEMO_ISSUER,
      aud: DEMO_AUDIENCE,
      sub: 'user-2',
      groups: ['department-officer'],
      department_id: officer.departmentId,
      preferred_username: 'officer.housing',
    });
    expect(payload.exp - payload.iat).toBe(120);
    expect(expiresIn).toBe(120);
    expect(await new TokenVerifier(config).verify(accessToken)).toEqual(officer);
  });

  it('rejects an expired token', async () => {
    const error = await rejectionOf(verifier, await sign(key, { exp: now() - 60 }));
    expect(error.code).toBe('unauthenticated');
    expect(error.message).toMatch(/expired/);
    expect(error.type).toBe('token-expired');
  });

  it('rejects a token signed with another secret', async () => {
    const error = await rejectionOf(
      verifier,
      await sign(secretKey('another-secret-of-thirty-two-characters')),
    );
    expect(error.message).toMatch(/signature is invalid/);
  });

  it('rejects a wrong issuer or audience', async () => {
    expect((await rejectionOf(verifier, await sign(key, { iss: 'someone-else' }))).message).toMatch(
      /issuer/,
    );
    expect((await rejectionOf(verifier, await sign(key, { aud: 'another-app' }))).message).toMatch(
      /audience/,
    );
  });

  it('rejects an algorithm other than HS256, including an unsigned token', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    expect((await rejectionOf(verifier, await sign(privateKey, { alg: 'RS256' }))).message).toMatch(
      /algorithm RS256 is not allowed/,
    );
    const unsigned = new UnsecuredJWT({ roles: ['admin'] })
      .setSubject('user-1')
      .setIssuer(DEMO_ISSUER)
      .setAudience(DEMO_AUDIENCE)
      .setExpirationTime('5m')
      .encode();
    expect((await rejectionOf(verifier, unsigned)).message).toMatch(
      /algorithm none is not allowed/,
    );
  });

  it('rejects a malformed token, or one without a subject', async () => {
    expect((await rejectionOf(verifier, 'not-a-token')).message).toMatch(/malformed/);
    expect((await rejectionOf(verifier, 'x'.repeat(10_000))).message).toMatch(/malformed/);
    expect((await rejectionOf(verifier, await sign(key, { sub: null }))).message).toMatch(/sub/);
  });

  it('reads roles from a space or comma separated string and drops roles it does not know', async () => {
    const spaced = await sign(key, { extra: { roles: 'researcher wizard  talent' } });
    expect((await verifier.verify(spaced)).roles).toEqual(['researcher', 'talent']);
    const commas = await sign(key, { extra: { roles: 'convener,admin,root' } });
    expect((await verifier.verify(commas)).roles).toEqual(['convener', 'admin']);
  });

  it('falls back to the subject for the username, and names a bad unit claim', async () => {
    const anonymousName = await sign(key, { extra: { preferred_username: undefined } });
    expect((await verifier.verify(anonymousName)).username).toBe('user-1');
    const error = await rejectionOf(verifier, await sign(key, { extra: { unit_id: 'unit-7' } }));
    expect(error.message).toBe('access token claims are invalid: unit_id');
  });

  describe('cache', () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    it('serves a verified token until it expires, then refuses it', async () => {
      jest.useFakeTimers({
        doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'clearTimeout'],
      });
      const token = await sign(key, { exp: now() + 60 });
      const first = await verifier.verify(token);
      expect(await verifier.verify(token)).toBe(first); // the very same (frozen) object: a cache hit
      expect(Object.isFrozen(first)).toBe(true);
      jest.setSystemTime(Date.now() + 61_000);
      expect((await rejectionOf(verifier, token)).message).toMatch(/expired/);
    });
  });

  it('refuses a configuration whose mode rules were dropped', () => {
    const withoutSecret = { ...demoConfig, AUTH_DEMO_SECRET: undefined };
    expect(() => new TokenVerifier(withoutSecret)).toThrow(ConfigError);
    expect(() => new DemoTokenIssuer(withoutSecret)).toThrow(/AUTH_DEMO_SECRET/);
  });
});

describe('oidc mode', () => {
  const issuer = 'https://idp.example/realms/guangming';
  const audience = 'guangming-platform';
  let server: Server;
  let jwksUrl: string;
  let rsa: CryptoKey;
  let ec: CryptoKey;
  let es384: CryptoKey;
  let verifier: TokenVerifier;

  const oidcConfig = (overrides: Record<string, string> = {}): AuthConfig =>
    authEnvSchema.parse({
      AUTH_MODE: 'oidc',
      AUTH_JWKS_URL: jwksUrl,
      AUTH_ISSUER: issuer,
      AUTH_AUDIENCE: audience,
      AUTH_ROLES_CLAIM: 'realm_access.roles',
      ...overrides,
    });
  const signOidc = (key: CryptoKey, claims: Claims) =>
    sign(key, {
      iss: issuer,
      aud: audience,
      ...claims,
      extra: { realm_access: { roles: ['housing-officer'] }, ...claims.extra },
    });

  beforeAll(async () => {
    const publicJwk = async (alg: string, kid: string): Promise<[CryptoKey, JWK]> => {
      const pair = await generateKeyPair(alg);
      return [pair.privateKey, { ...(await exportJWK(pair.publicKey)), alg, kid, use: 'sig' }];
    };
    const keys = await Promise.all([
      publicJwk('RS256', 'rsa-1'),
      publicJwk('ES256', 'ec-1'),
      publicJwk('ES384', 'ec384-1'),
    ]);
    [rsa, ec, es384] = keys.map(([privateKey]) => privateKey) as [CryptoKey, CryptoKey, CryptoKey];
    const body = JSON.stringify({ keys: keys.map(([, jwk]) => jwk) });
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
    verifier = new TokenVerifier(oidcConfig());
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('verifies RS256 and ES256 tokens against the provider keys, reading nested roles', async () => {
    const fromRsa = await verifier.verify(await signOidc(rsa, { alg: 'RS256', kid: 'rsa-1' }));
    expect(fromRsa).toEqual({ id: 'user-1', username: 'r1', roles: ['housing-officer'] });
    const fromEc = await verifier.verify(
      await signOidc(ec, { alg: 'ES256', kid: 'ec-1', sub: 'user-9' }),
    );
    expect(fromEc.id).toBe('user-9');
  });

  it('rejects a wrong issuer or audience', async () => {
    const wrongIssuer = await signOidc(rsa, {
      alg: 'RS256',
      kid: 'rsa-1',
      iss: 'https://evil.example',
    });
    expect((await rejectionOf(verifier, wrongIssuer)).message).toMatch(/issuer is not accepted/);
    const wrongAudience = await signOidc(rsa, { alg: 'RS256', kid: 'rsa-1', aud: 'other-client' });
    expect((await rejectionOf(verifier, wrongAudience)).message).toMatch(
      /audience is not accepted/,
    );
  });

  it('rejects an expired token', async () => {
    const expired = await signOidc(rsa, { alg: 'RS256', kid: 'rsa-1', exp: now() - 60 });
    expect((await rejectionOf(verifier, expired)).message).toMatch(/expired/);
  });

  it('rejects a signature the published key did not make', async () => {
    const { privateKey: impostor } = await generateKeyPair('RS256');
    const forged = await signOidc(impostor, { alg: 'RS256', kid: 'rsa-1' });
    expect((await rejectionOf(verifier, forged)).message).toMatch(/signature is invalid/);
  });

  it('rejects a key the provider does not publish', async () => {
    const unknownKid = await signOidc(rsa, { alg: 'RS256', kid: 'rotated-away' });
    expect((await rejectionOf(verifier, unknownKid)).message).toMatch(/signing key is not known/);
  });

  it('rejects an algorithm outside the allow-list, even with a published key', async () => {
    const es384Token = await signOidc(es384, { alg: 'ES384', kid: 'ec384-1' });
    expect((await rejectionOf(verifier, es384Token)).message).toMatch(
      /algorithm ES384 is not allowed/,
    );
    const allowing = new TokenVerifier(oidcConfig({ AUTH_ALGORITHMS: 'ES384' }));
    expect((await allowing.verify(es384Token)).roles).toEqual(['housing-officer']);
    // An HMAC token signed with a guessable "secret" must never pass as an OIDC token.
    const hmac = await signOidc(secretKey(SECRET) as unknown as CryptoKey, { alg: 'HS256' });
    expect((await rejectionOf(verifier, hmac)).message).toMatch(/algorithm HS256 is not allowed/);
  });

  it('answers unavailable when the provider cannot be reached', async () => {
    const unreachable = new TokenVerifier(oidcConfig({ AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks' }));
    const error = await rejectionOf(
      unreachable,
      await signOidc(rsa, { alg: 'RS256', kid: 'rsa-1' }),
    );
    expect(error.code).toBe('unavailable');
  });
});

describe('DemoTokenIssuer', () => {
  it('refuses to issue in oidc mode', () => {
    const config = authEnvSchema.parse({
      AUTH_MODE: 'oidc',
      AUTH_JWKS_URL: 'https://idp.example/jwks',
      AUTH_ISSUER: 'https://idp.example',
      AUTH_AUDIENCE: 'platform',
    });
    expect(() => new DemoTokenIssuer(config)).toThrow(/AUTH_MODE is demo/);
  });
});
