import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { SignJWT } from 'jose';
import { stableId, type Role } from '@gm/shared-contracts';
import type { ProblemDetails } from '@gm/shared-errors';
import { request } from './support/http.js';
import { startPlatform, type Platform } from './support/platform.js';

// Starting the platform's processes takes seconds; a busy CI machine may take many.
jest.setTimeout(180_000);

interface TokenAnswer {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  user: { id: string; username: string; roles: Role[]; unitId?: string; departmentId?: string };
}

// api.md's demo accounts, with the units and departments the fixed facts name.
const ACCOUNTS: Array<{ username: string; roles: Role[]; unit?: string; department?: string }> = [
  { username: 'admin', roles: ['admin'] },
  { username: 'researcher1', roles: ['researcher'], unit: 'SYSU-SZ' },
  { username: 'researcher2', roles: ['researcher'], unit: 'SIAT' },
  { username: 'manager1', roles: ['resource-manager'], unit: 'SZBL' },
  { username: 'enterprise1', roles: ['enterprise'] },
  { username: 'talent1', roles: ['talent'] },
  { username: 'talent2', roles: ['talent'] },
  { username: 'talent3', roles: ['talent'] },
  { username: 'convener1', roles: ['convener'] },
  { username: 'officer.housing', roles: ['department-officer'], department: 'housing' },
  { username: 'officer.traffic', roles: ['department-officer'], department: 'traffic' },
  { username: 'housing1', roles: ['housing-officer'] },
];

const SECRET = randomBytes(48).toString('base64url');
let platform: Platform;

const token = (username: string, password = 'guangming-demo') =>
  request<TokenAnswer>(platform.baseUrl, '/api/auth/token', { json: { username, password } });
const me = (accessToken?: string) => request(platform.baseUrl, '/api/me', { token: accessToken });

/** A token shaped like the demo issuer's, signed with `secret`, expiring at `exp`. */
function forgedToken(secret: string, exp: number): Promise<string> {
  return new SignJWT({ roles: ['admin'], preferred_username: 'admin' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(stableId('user', 'admin'))
    .setIssuer('guangming-demo')
    .setAudience('guangming-platform')
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret));
}

function expectUnauthenticated(result: {
  status: number;
  headers: Headers;
  body: unknown;
}): ProblemDetails {
  expect(result.status).toBe(401);
  expect(result.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(result.headers.get('www-authenticate')).toMatch(/^Bearer/);
  return result.body as ProblemDetails;
}

beforeAll(async () => {
  // Only the gateway is needed, on embedded PGlite: this also covers the harness's embedded mode.
  platform = await startPlatform({
    services: ['gateway'],
    embedded: true,
    env: { AUTH_DEMO_SECRET: SECRET },
  });
});

afterAll(async () => {
  await platform?.stop();
});

describe('POST /api/auth/token', () => {
  it.each(ACCOUNTS)('signs in $username with the right roles and affiliation', async (account) => {
    const { status, body, headers } = await token(account.username);
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body).toMatchObject({ tokenType: 'Bearer', accessToken: expect.any(String) });
    expect(body.expiresIn).toBeGreaterThan(0);
    expect(body.user).toMatchObject({
      id: stableId('user', account.username),
      username: account.username,
    });
    expect(body.user.roles).toEqual(account.roles);
    expect(body.user.unitId).toBe(account.unit && stableId('unit', account.unit));
    expect(body.user.departmentId).toBe(
      account.department && stableId('department', account.department),
    );
  });

  it('gives the same 401 for a wrong password and for an unknown user', async () => {
    const wrongPassword = expectUnauthenticated(await token('researcher1', 'not-the-password'));
    const unknownUser = expectUnauthenticated(await token('nobody', 'guangming-demo'));
    const strip = ({ instance: _instance, ...rest }: ProblemDetails) => rest;
    expect(strip(unknownUser)).toEqual(strip(wrongPassword));
    expect(wrongPassword.detail).not.toMatch(/password is wrong|no such user|unknown user/i);
  });

  it('names every bad field of the body', async () => {
    const result = await request<ProblemDetails>(platform.baseUrl, '/api/auth/token', {
      json: { username: '' },
    });
    expect(result.status).toBe(400);
    expect(result.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(result.body.errors?.map((e) => e.path).sort()).toEqual(['password', 'username']);
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const result = await request<ProblemDetails>(platform.baseUrl, '/api/auth/token', {
      headers: { 'content-type': 'application/json' },
      body: '{"username": ',
    });
    expect(result.status).toBe(400);
    expect(result.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('GET /api/me', () => {
  it('shows the user behind the token', async () => {
    const signedIn = await token('manager1');
    const { status, body } = await me(signedIn.body.accessToken);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: stableId('user', 'manager1'),
      username: 'manager1',
      roles: ['resource-manager'],
      unitId: stableId('unit', 'SZBL'),
      displayName: expect.any(String),
    });
  });

  it('needs a token', async () => {
    expectUnauthenticated(await me());
  });

  it('rejects a garbage, a forged and an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    expectUnauthenticated(await me('not-a-jwt'));
    expectUnauthenticated(
      await me(await forgedToken(randomBytes(48).toString('base64url'), now + 600)),
    );
    expectUnauthenticated(await me(await forgedToken(SECRET, now - 60)));
    // The same claims with the right secret and a future expiry pass: the two above failed for their flaw alone.
    expect((await me(await forgedToken(SECRET, now + 600))).status).toBe(200);
  });

  it('rejects an Authorization header that is not a bearer token', async () => {
    const result = await request(platform.baseUrl, '/api/me', {
      headers: { authorization: 'Basic YWRtaW46eA==' },
    });
    expectUnauthenticated(result);
  });
});
