// oidc-provider ships no types; this declares the little the e2e tests use of it.
declare module 'oidc-provider' {
  import type { Server } from 'node:http';

  export interface ProviderClient {
    clientId: string;
  }

  export interface ProviderToken {
    clientId?: string;
  }

  export interface ResourceServerInfo {
    scope: string;
    audience?: string;
    accessTokenTTL?: number;
    accessTokenFormat?: 'opaque' | 'jwt';
    jwt?: { sign?: { alg?: string; kid?: string } };
  }

  export interface ProviderConfiguration {
    clients?: Array<Record<string, unknown>>;
    jwks?: { keys: Array<Record<string, unknown>> };
    features?: Record<string, unknown>;
    extraTokenClaims?: (
      ctx: unknown,
      token: ProviderToken,
    ) => Promise<Record<string, unknown> | undefined> | Record<string, unknown> | undefined;
    ttl?: Record<string, unknown>;
    [key: string]: unknown;
  }

  export default class Provider {
    constructor(issuer: string, configuration?: ProviderConfiguration);
    listen(port: number, host: string, callback?: () => void): Server;
  }
}
