import { Module, type DynamicModule } from '@nestjs/common';
import { DemoTokenIssuer, TokenVerifier } from '@gm/shared-auth';
import type { GatewayConfig } from '../config/gateway-config.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService, TOKEN_ISSUER } from './auth.service.js';
import { DemoSeeder } from './demo-seeder.js';

/**
 * Sign-in and identity: the users table, the demo token endpoint, and the guard other
 * controllers use (global, so any controller can say `@Auth()`). Needs GATEWAY_CONFIG and
 * DATABASE from the root module.
 */
@Module({})
export class GatewayAuthModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayAuthModule,
      global: true,
      controllers: [AuthController],
      providers: [
        { provide: TokenVerifier, useFactory: () => new TokenVerifier(config) },
        ...(config.AUTH_MODE === 'demo'
          ? [{ provide: TOKEN_ISSUER, useFactory: () => new DemoTokenIssuer(config) }]
          : []),
        AuthService,
        AuthGuard,
        DemoSeeder,
      ],
      exports: [AuthService, AuthGuard],
    };
  }
}
