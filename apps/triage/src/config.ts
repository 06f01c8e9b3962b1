import { z } from 'zod';
import { assertAuthConfig, authEnvSchema } from '@gm/shared-auth';
import { baseEnvSchema, databaseEnvSchema, loadConfig, portVar } from '@gm/shared-config';

export const SERVICE = 'triage';

export const triageEnvSchema = baseEnvSchema
  .extend(databaseEnvSchema.shape)
  .extend(authEnvSchema.shape)
  .extend({
    /** /healthz, /readyz and /metrics. */
    HTTP_PORT: portVar(3002),
    /** Interface to listen on; 0.0.0.0 so probes reach it in containers. */
    HTTP_HOST: z.string().min(1).default('0.0.0.0'),
  });

export type TriageConfig = z.infer<typeof triageEnvSchema>;

/** Parses the environment; a bad variable, or one the auth mode needs and lacks, is a ConfigError. */
export function loadTriageConfig(
  env: Record<string, string | undefined> = process.env,
): TriageConfig {
  const config = loadConfig(triageEnvSchema, env);
  // Extending with `authEnvSchema.shape` drops its cross-field rules (demo secret, OIDC issuer…).
  assertAuthConfig(config);
  return config;
}
