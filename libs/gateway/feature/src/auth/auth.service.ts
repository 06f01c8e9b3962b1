import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  DemoTokenIssuer,
  TokenVerifier,
  hashPassword,
  verifyPassword,
  type VerifiedToken,
} from '@gm/shared-auth';
import { IdentitySchema, type Identity } from '@gm/shared-contracts';
import { DATABASE, type Database } from '@gm/shared-db';
import { AppError } from '@gm/shared-errors';
import { findUserById, findUserByUsername, type UserRow } from '../data/user.repository.js';
import type { GatewayDb } from '../data/tables.js';
import { parseInput } from '../http/zod-validation.pipe.js';
import { TokenRequestSchema, type TokenResponse, type UserProfile } from './auth.schemas.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Nest token of the demo-mode token issuer; absent in OIDC mode. */
export const TOKEN_ISSUER = Symbol('TOKEN_ISSUER');

const WRONG_CREDENTIALS = 'wrong username or password';

export function identityOf(user: UserRow): Identity {
  return IdentitySchema.parse({
    id: user.id,
    username: user.username,
    roles: user.roles,
    unitId: user.unit_id ?? undefined,
    departmentId: user.department_id ?? undefined,
  });
}

@Injectable()
export class AuthService {
  // An unknown username is checked against this hash, so it costs as much as a wrong password.
  private decoyHash?: Promise<string>;

  constructor(
    @Inject(DATABASE) private readonly database: Database<GatewayDb>,
    private readonly verifier: TokenVerifier,
    @Optional() @Inject(TOKEN_ISSUER) private readonly issuer?: DemoTokenIssuer,
  ) {}

  /** `POST /api/auth/token`: demo mode only; the same 401 for an unknown user and a bad password. */
  async issueToken(body: unknown): Promise<TokenResponse> {
    if (!this.issuer) {
      throw new AppError(
        'not-found',
        'the token endpoint is disabled (AUTH_MODE=oidc): get a token from the identity provider',
        [],
        'token-endpoint-disabled',
      );
    }
    const { username, password } = parseInput(TokenRequestSchema, body, 'request body');
    const user = await findUserByUsername(this.database.db, username);
    const valid = await verifyPassword(password, user ? user.password_hash : await this.decoy());
    if (!user || !valid) throw AppError.unauthenticated(WRONG_CREDENTIALS);

    const identity = identityOf(user);
    const token = await this.issuer.issue(identity);
    return { ...token, user: { ...identity, displayName: user.display_name } };
  }

  /** Verifies a bearer token (demo or OIDC, per configuration). */
  verify(token: string): Promise<Identity> {
    return this.verifier.verify(token);
  }

  /** Verifies a bearer token and tells until when it holds. */
  verifyToken(token: string): Promise<VerifiedToken> {
    return this.verifier.verifyToken(token);
  }

  /** The user behind a verified identity; OIDC users unknown to the gateway are shown as verified. */
  async profile(identity: Identity): Promise<UserProfile> {
    // Local users have uuid ids; a provider's `sub` may be any string (a client id, an email…).
    if (!UUID.test(identity.id)) return identity;
    const user = await findUserById(this.database.db, identity.id);
    return user ? { ...identity, displayName: user.display_name } : identity;
  }

  private decoy(): Promise<string> {
    this.decoyHash ??= hashPassword(randomBytes(24).toString('base64url'));
    return this.decoyHash;
  }
}
