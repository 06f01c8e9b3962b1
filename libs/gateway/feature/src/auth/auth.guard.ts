import {
  Injectable,
  SetMetadata,
  UseGuards,
  applyDecorators,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { AuthService } from './auth.service.js';

/** Who is calling, and the token that proved it (forwarded to services, which verify it again). */
export interface Caller {
  identity: Identity;
  token: string;
}

export type AuthMode = 'required' | 'optional';

const AUTH_MODE = 'gm:auth-mode';
const BEARER = /^Bearer\s+(\S+)\s*$/i;

interface RequestWithCaller extends FastifyRequest {
  caller?: Caller;
}

/** The bearer token of a request; a malformed Authorization header is a 401, not anonymity. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined || header === '') return undefined;
  const match = BEARER.exec(header);
  if (!match) throw AppError.unauthenticated('the Authorization header must be "Bearer <token>"');
  return match[1];
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const mode =
      this.reflector.getAllAndOverride<AuthMode | undefined>(AUTH_MODE, [
        context.getHandler(),
        context.getClass(),
      ]) ?? 'required';
    const request = context.switchToHttp().getRequest<RequestWithCaller>();
    const token = bearerToken(request);
    if (token === undefined) {
      if (mode === 'optional') return true;
      throw AppError.unauthenticated();
    }
    request.caller = { identity: await this.auth.verify(token), token };
    return true;
  }
}

/**
 * `@Auth()` requires a valid bearer token; `@Auth('optional')` lets anonymous callers in but
 * still rejects a bad token. Read the result with `@CurrentCaller()`.
 */
export const Auth = (mode: AuthMode = 'required') =>
  applyDecorators(SetMetadata(AUTH_MODE, mode), UseGuards(AuthGuard));

/** The verified caller: always set under `@Auth()`, undefined for anonymous callers under `@Auth('optional')`. */
export const CurrentCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Caller | undefined =>
    context.switchToHttp().getRequest<RequestWithCaller>().caller,
);
