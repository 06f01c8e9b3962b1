import { z } from 'zod';
import { assertAuthConfig, authEnvSchema } from '@gm/shared-auth';
import { baseEnvSchema, databaseEnvSchema, loadConfig, portVar } from '@gm/shared-config';

/** Comma-separated origins allowed by CORS; empty means same-origin only. */
const originList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.union([z.literal('*'), z.url()])));

export const gatewayEnvSchema = baseEnvSchema
  .extend(databaseEnvSchema.shape)
  .extend(authEnvSchema.shape)
  .extend({
    PORT: portVar(3000),
    /** Interface to listen on; 0.0.0.0 in containers. */
    HOST: z.string().min(1).default('0.0.0.0'),
    /** How long the gateway waits for a service's RPC reply before answering 503. */
    RPC_TIMEOUT_MS: z.coerce.number().int().min(50).max(120_000).default(5000),
    CORS_ORIGINS: originList,
    BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(50 * 1024 * 1024)
      .default(1024 * 1024),
    /** Requests per client address per minute; 0 turns the limit off. */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
    /** Directory of the built portal (apps/portal); unset means the gateway serves no page. */
    PORTAL_DIR: z.string().min(1).optional(),
  });

export type GatewayConfig = z.infer<typeof gatewayEnvSchema>;

/** Parses the environment; a bad variable, or one the auth mode needs and lacks, is a ConfigError. */
export function loadGatewayConfig(
  env: Record<string, string | undefined> = process.env,
): GatewayConfig {
  const config = loadConfig(gatewayEnvSchema, env);
  // Extending with `authEnvSchema.shape` drops its cross-field rules (demo secret, OIDC issuer…).
  assertAuthConfig(config);
  return config;
}
