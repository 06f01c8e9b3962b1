import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppError } from '@gm/shared-errors';
import { bearerToken, type Caller } from '../auth/auth.guard.js';
import { AuthService } from '../auth/auth.service.js';

type Open311Request = FastifyRequest & { caller?: Caller };

function apiKeyOf(request: FastifyRequest): string | undefined {
  for (const source of [request.body, request.query]) {
    if (source && typeof source === 'object' && 'api_key' in source) {
      const key = (source as { api_key?: unknown }).api_key;
      if (typeof key === 'string' && key.trim() !== '') return key.trim();
    }
  }
  return undefined;
}

/**
 * Open311's `api_key` is the platform's own access token (ADR: a key identifies a requester, and
 * tickets belong to one), so an Open311 client posts for the account whose token it holds; an
 * `Authorization: Bearer` header works the same. Sets the caller like `@Auth()` does.
 */
@Injectable()
export class Open311AuthGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Open311Request>();
    const token = bearerToken(request) ?? apiKeyOf(request);
    if (token === undefined) {
      throw AppError.unauthenticated('an api_key (an access token) or a Bearer token is required');
    }
    request.caller = { identity: await this.auth.verify(token), token };
    return true;
  }
}
