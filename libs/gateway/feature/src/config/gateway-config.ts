import { isIP } from 'node:net';
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

/**
 * Which proxies in front of the gateway may set `X-Forwarded-For`, so that the rate limit and
 * the logs see the client's address rather than the ingress's: empty trusts none (a client
 * could otherwise spoof the header), `true` trusts every hop, a number trusts that many hops,
 * otherwise a comma-separated list of addresses or CIDR ranges.
 */
const trustProxy = z
  .string()
  .default('')
  .transform((value, ctx): boolean | number | string[] => {
    const text = value.trim();
    if (text === '' || text === 'false') return false;
    if (text === 'true') return true;
    if (/^\d+$/.test(text)) return Number(text);
    const entries = text
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const invalid = entries.filter((entry) => !isAddressOrRange(entry));
    if (invalid.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `expected true, a hop count, or addresses/CIDR ranges; not ${invalid.join(', ')}`,
      });
      return z.NEVER;
    }
    return entries;
  });

function isAddressOrRange(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const prefix = Number(bits);
  return /^\d+$/.test(bits) && prefix <= (version === 4 ? 32 : 128);
}

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
    TRUST_PROXY: trustProxy,
    /** How long the first answer to an `Idempotency-Key` is kept and replayed. */
    IDEMPOTENCY_TTL_SECONDS: z.coerce.number().int().min(1).default(86_400),
    /** Interval of the heartbeat comments on `/api/events/stream`. */
    SSE_HEARTBEAT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
    /** How long a live-events client may leave its socket full before it is disconnected. */
    SSE_SLOW_CLIENT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
    /** How long a SIGTERM waits for requests in flight before their connections are cut. */
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
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
