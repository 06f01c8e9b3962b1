import type { DynamicModule } from '@nestjs/common';
import type { z } from 'zod';
import type { Migrations } from '@gm/shared-db';
import type { ServiceConfig } from './service-config.js';

/**
 * What makes one service process different from another: everything else is shared.
 * `Env` is the schema of the service's own variables, parsed with the shared ones at start, so a
 * bad value stops the process with the same one line as any other.
 */
export interface ServiceDefinition<Env extends z.ZodObject = z.ZodObject<Record<string, never>>> {
  /** e.g. `resources`: the database schema, the NATS queue group, the event source. */
  name: string;
  /** Port of /healthz, /readyz and /metrics unless HTTP_PORT says otherwise. */
  defaultHttpPort: number;
  /** The service's own migrations (the messaging tables come with the runtime). */
  migrations: Migrations;
  /** Variables only this service reads. */
  env?: Env;
  /** The service's feature module, given the parsed configuration. */
  feature(config: ServiceConfig & z.infer<Env>): DynamicModule;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any service's own variables
export type AnyServiceDefinition = ServiceDefinition<any>;
