import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { AppError } from '@gm/shared-errors';
import type { Identity } from '@gm/shared-contracts';
import { DEMO_AUDIENCE, DEMO_ISSUER, assertAuthConfig, type AuthConfig } from './auth-config.js';
import { identityFromClaims } from './claims.js';
import { LruCache } from './lru-cache.js';

/** Enough for every active user of a district platform; each entry is a few hundred bytes. */
const CACHE_SIZE = 10_000;
/** Real access tokens are a few KB at most; larger strings are refused before any work. */
const MAX_TOKEN_LENGTH = 8_192;
/** Allowed skew between the identity provider's clock and ours. */
const CLOCK_TOLERANCE_SECONDS = 5;

/** A verified token: who it names and until when it is valid. */
export interface VerifiedToken {
  identity: Identity;
  expiresAtMs: number;
}

type Verify = (token: string) => Promise<JWTPayload>;

/**
 * Verifies bearer tokens and derives the caller's identity. Demo mode checks the HS256 tokens of
 * {@link DemoTokenIssuer}; oidc mode checks the provider's signatures against its JWKS. Verified
 * tokens are cached until they expire, so a service re-verifying every request pays a map lookup.
 */
export class TokenVerifier {
  private readonly cache = new LruCache<string, VerifiedToken>(CACHE_SIZE);
  private readonly verifyJwt: Verify;

  constructor(private readonly config: AuthConfig) {
    assertAuthConfig(config);
    this.verifyJwt = config.AUTH_MODE === 'demo' ? demoVerify(config) : oidcVerify(config);
  }

  async verify(token: string): Promise<Identity> {
    return (await this.verifyToken(token)).identity;
  }

  /** As {@link verify}, with the token's expiry: long-lived streams end when it does. */
  async verifyToken(token: string): Promise<VerifiedToken> {
    const cached = this.cache.get(token);
    if (cached) {
      if (cached.expiresAtMs > Date.now()) return cached;
      this.cache.delete(token);
    }
    if (token.length > MAX_TOKEN_LENGTH)
      throw AppError.unauthenticated('access token is malformed');
    let payload: JWTPayload;
    try {
      payload = await this.verifyJwt(token);
    } catch (error) {
      throw rejection(error, token);
    }
    const identity = identityFromClaims(payload, this.config);
    // `exp` is a required claim, so jose has already checked it is a number.
    const verified = { identity, expiresAtMs: (payload.exp as number) * 1000 };
    this.cache.set(token, verified);
    return verified;
  }
}

function demoVerify(config: AuthConfig): Verify {
  const secret = new TextEncoder().encode(config.AUTH_DEMO_SECRET);
  const options = {
    issuer: DEMO_ISSUER,
    audience: DEMO_AUDIENCE,
    algorithms: ['HS256'],
    requiredClaims: ['sub', 'exp'],
  };
  return async (token) => (await jwtVerify(token, secret, options)).payload;
}

function oidcVerify(config: AuthConfig): Verify {
  // assertAuthConfig has checked that oidc mode names the JWKS URL, issuer and audience.
  const keys = createRemoteJWKSet(new URL(config.AUTH_JWKS_URL as string), {
    timeoutDuration: 5_000,
    cooldownDuration: 30_000,
  });
  const options = {
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    algorithms: [...config.AUTH_ALGORITHMS],
    requiredClaims: ['sub', 'exp'],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
  };
  return async (token) => (await jwtVerify(token, keys, options)).payload;
}

/** Says why a token was refused; a provider we cannot reach is our outage, not the caller's fault. */
function rejection(error: unknown, token: string): AppError {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return new AppError('unauthenticated', 'access token expired', [], 'token-expired');
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return AppError.unauthenticated('access token signature is invalid');
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return AppError.unauthenticated(
        `access token algorithm ${algorithmOf(token)} is not allowed`,
      );
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return AppError.unauthenticated('access token signing key is not known');
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return claimRejection((error as { claim?: string }).claim ?? 'unknown');
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return AppError.unauthenticated('access token is malformed');
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JWKS_INVALID':
      return AppError.unavailable('the identity provider did not answer with its keys');
    default:
      // fetch() failing to reach the JWKS URL throws a TypeError (compared by name: it may come
      // from another realm); anything else is unexpected.
      return (error as { name?: unknown } | null)?.name === 'TypeError'
        ? AppError.unavailable('the identity provider did not answer with its keys')
        : AppError.unauthenticated('access token could not be verified');
  }
}

function claimRejection(claim: string): AppError {
  switch (claim) {
    case 'iss':
      return AppError.unauthenticated('access token issuer is not accepted');
    case 'aud':
      return AppError.unauthenticated('access token audience is not accepted');
    case 'nbf':
    case 'iat':
      return AppError.unauthenticated('access token is not valid yet');
    default:
      return AppError.unauthenticated(`access token claim ${claim} is missing or invalid`);
  }
}

function algorithmOf(token: string): string {
  try {
    return String(decodeProtectedHeader(token).alg);
  } catch {
    return '(unreadable)';
  }
}
