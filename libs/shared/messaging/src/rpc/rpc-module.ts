import { Module, type DynamicModule } from '@nestjs/common';
import { TokenVerifier, type AuthConfig } from '@gm/shared-auth';
import { RPC_TOKEN_VERIFIER } from './rpc-handler.js';

export interface RpcModuleOptions {
  auth: AuthConfig;
}

/**
 * Provides RPC_TOKEN_VERIFIER to every `@RpcHandler` of the application (global). Import it once
 * in a service's root module: `RpcModule.forRoot({ auth: config })`.
 */
@Module({})
export class RpcModule {
  static forRoot(options: RpcModuleOptions): DynamicModule {
    return {
      module: RpcModule,
      global: true,
      providers: [
        { provide: RPC_TOKEN_VERIFIER, useFactory: () => new TokenVerifier(options.auth) },
      ],
      exports: [RPC_TOKEN_VERIFIER],
    };
  }
}
