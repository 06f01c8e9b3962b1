import { z } from 'zod';
import { assertAuthConfig, authEnvSchema } from '@gm/shared-auth';
import { baseEnvSchema, databaseEnvSchema, loadConfig, portVar } from '@gm/shared-config';

export const SERVICE = 'housing';

export const housingEnvSchema = baseEnvSchema
  .extend(databaseEnvSchema.shape)
  .extend(authEnvSchema.shape)
  .extend({
    /** /healthz, /readyz and /metrics. */
    HTTP_PORT: portVar(3003),
    /** Interface to listen on; 0.0.0.0 so probes reach it in containers. */
    HTTP_HOST: z.string().min(1).default('0.0.0.0'),
  });

export type HousingConfig = z.infer<typeof housingEnvSchema>;

/** Parses the environment; a bad variable, or one the auth mode needs and lacks, is a ConfigError. */
export function loadHousingConfig(
  env: Record<string, string | undefined> = process.env,
): HousingConfig {
  const config = loadConfig(housingEnvSchema, env);
  // Extending with `authEnvSchema.shape` drops its cross-field rules (demo secret, OIDC issuer…).
  assertAuthConfig(config);
  return config;
}
