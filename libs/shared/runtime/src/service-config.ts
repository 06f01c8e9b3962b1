import { z } from 'zod';
import { assertAuthConfig, authEnvSchema } from '@gm/shared-auth';
import { baseEnvSchema, databaseEnvSchema, loadConfig, portVar } from '@gm/shared-config';

/** Every variable a service process reads; only the default HTTP port differs per service. */
export function serviceEnvSchema(defaultHttpPort: number) {
  return baseEnvSchema
    .extend(databaseEnvSchema.shape)
    .extend(authEnvSchema.shape)
    .extend({
      /** /healthz, /readyz and /metrics. */
      HTTP_PORT: portVar(defaultHttpPort),
      /** Interface to listen on; 0.0.0.0 so probes reach it in containers. */
      HTTP_HOST: z.string().min(1).default('0.0.0.0'),
    });
}

export type ServiceConfig = z.infer<ReturnType<typeof serviceEnvSchema>>;

/**
 * Parses the environment, the service's own variables included; a bad variable, or one the auth
 * mode needs and lacks, is a ConfigError.
 */
export function loadServiceConfig<Env extends z.ZodObject = z.ZodObject<Record<string, never>>>(
  definition: { defaultHttpPort: number; env?: Env },
  env: Record<string, string | undefined> = process.env,
): ServiceConfig & z.infer<Env> {
  const schema = serviceEnvSchema(definition.defaultHttpPort).extend(definition.env?.shape ?? {});
  const config = loadConfig(schema, env) as ServiceConfig & z.infer<Env>;
  // Extending with `authEnvSchema.shape` drops its cross-field rules (demo secret, OIDC issuer…).
  assertAuthConfig(config);
  return config;
}
