import { Body, Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiDoc } from '../openapi/api-doc.decorator.js';
import { Auth, CurrentCaller, type Caller } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import {
  TokenRequestSchema,
  TokenResponseSchema,
  UserProfileSchema,
  type TokenResponse,
  type UserProfile,
} from './auth.schemas.js';

@Controller('api')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  // The body is validated by the service, after it has checked the endpoint is enabled at all.
  @Post('auth/token')
  @ApiDoc({
    summary:
      'Sign in a demo account (demo mode only; in OIDC mode the identity provider issues tokens)',
    tag: 'auth',
    body: TokenRequestSchema,
    response: TokenResponseSchema,
    errors: [401, 404, 413, 415],
  })
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  issueToken(@Body() body: unknown): Promise<TokenResponse> {
    return this.auth.issueToken(body);
  }

  @Get('me')
  @ApiDoc({
    summary: 'The user behind the token',
    tag: 'auth',
    auth: 'required',
    response: UserProfileSchema,
  })
  @Auth()
  @Header('cache-control', 'no-store')
  me(@CurrentCaller() caller: Caller): Promise<UserProfile> {
    return this.auth.profile(caller.identity);
  }
}
