import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DATABASE, type Database } from '@gm/shared-db';
import { RpcClient } from '@gm/shared-messaging';
import { ReadinessRegistry } from '@gm/shared-telemetry';

/** /readyz passes when the gateway's own database answers and its NATS connection is up. */
@Injectable()
export class GatewayReadiness implements OnModuleInit {
  constructor(
    private readonly registry: ReadinessRegistry,
    @Inject(DATABASE) private readonly database: Database<unknown>,
    private readonly rpc: RpcClient,
  ) {}

  onModuleInit(): void {
    this.registry.register('database', () => this.database.ping());
    this.registry.register('nats', () => this.rpc.ping());
  }
}
