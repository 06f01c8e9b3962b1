import type { Server } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { freePort } from '@gm/shared-testing';

/** One machine client of the test provider and what its access tokens say. */
export interface OidcTestClient {
  /** Claims added to every access token of this client (roles, unit, department…). */
  claims: Record<string, unknown>;
  /** Signing algorithm of its access tokens; default RS256. */
  alg?: 'RS256' | 'ES384';
  /** Lifetime of its access tokens in seconds; default 300. */
  ttlSeconds?: number;
}

export interface OidcTestProvider {
  issuer: string;
  jwksUrl: string;
  /** A client-credentials access token of `clientId` for the resource (audience) `resource`. */
  token(clientId: string, resource: string): Promise<string>;
  stop(): Promise<void>;
}

const SECRET = 'e2e-client-secret-that-is-long-enough';

/**
 * A real OpenID Connect provider (`oidc-provider`) on a free loopback port, issuing JWT access
 * tokens by the client-credentials grant with resource indicators, as an identity provider in
 * front of the platform would.
 */
export async function startOidcProvider(
  clients: Record<string, OidcTestClient>,
): Promise<OidcTestProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const rsa = await generateKeyPair('RS256', { extractable: true });
  const ec = await generateKeyPair('ES384', { extractable: true });
  const keys = [
    { ...(await exportJWK(rsa.privateKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
    { ...(await exportJWK(ec.privateKey)), kid: 'ec-1', alg: 'ES384', use: 'sig' },
  ];
  const provider = new Provider(issuer, {
    clients: Object.keys(clients).map((clientId) => ({
      client_id: clientId,
      client_secret: SECRET,
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
      token_endpoint_auth_method: 'client_secret_post',
    })),
    jwks: { keys },
    features: {
      clientCredentials: { enabled: true },
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => undefined,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string, client: { clientId: string }) => {
          const settings = clients[client.clientId];
          return {
            scope: 'api',
            audience: resource,
            accessTokenFormat: 'jwt',
            accessTokenTTL: settings?.ttlSeconds ?? 300,
            jwt: { sign: { alg: settings?.alg ?? 'RS256' } },
          };
        },
      },
    },
    extraTokenClaims: (_ctx, token) =>
      token.clientId ? clients[token.clientId]?.claims : undefined,
  });
  const server: Server = await new Promise((resolve) => {
    const listening = provider.listen(port, '127.0.0.1', () => resolve(listening));
  });

  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    async token(clientId, resource) {
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: clientId,
          client_secret: SECRET,
          resource,
          scope: 'api',
        }),
      });
      const body = (await response.json()) as { access_token?: string };
      if (!response.ok || !body.access_token) {
        throw new Error(`the provider refused a token: ${response.status} ${JSON.stringify(body)}`);
      }
      return body.access_token;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
