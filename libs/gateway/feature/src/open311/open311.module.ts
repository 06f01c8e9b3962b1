import { Module } from '@nestjs/common';
import { Open311AuthGuard } from './open311-auth.guard.js';
import { Open311HttpController } from './open311.controller.js';

/** Open311 GeoReport v2 at /open311/v2 over the triage service's RPC (needs RpcClient and AuthService). */
@Module({ controllers: [Open311HttpController], providers: [Open311AuthGuard] })
export class Open311HttpModule {}
