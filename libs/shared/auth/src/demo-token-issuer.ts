import { SignJWT } from 'jose';
import type { Identity } from '@gm/shared-contracts';
import { DEMO_AUDIENCE, DEMO_ISSUER, assertAuthConfig, type AuthConfig } from './auth-config.js';
import { claimsFromIdentity } from './claims.js';

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/** Signs HS256 access tokens for the demo accounts; production uses an OIDC provider instead. */
export class DemoTokenIssuer {
  private readonly secret: Uint8Array;

  constructor(private readonly config: AuthConfig) {
    assertAuthConfig(config);
    if (config.AUTH_MODE !== 'demo') {
      throw new Error('DemoTokenIssuer issues tokens only when AUTH_MODE is demo');
    }
    this.secret = new TextEncoder().encode(config.AUTH_DEMO_SECRET);
  }

  async issue(identity: Identity): Promise<IssuedToken> {
    const expiresIn = this.config.AUTH_TOKEN_TTL_SECONDS;
    const now = Math.floor(Date.now() / 1000);
    const accessToken = await new SignJWT(claimsFromIdentity(identity, this.config))
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(identity.id)
      .setIssuer(DEMO_ISSUER)
      .setAudience(DEMO_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + expiresIn)
      .sign(this.secret);
    return { accessToken, tokenType: 'Bearer', expiresIn };
  }
}
