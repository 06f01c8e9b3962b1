import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment with a zod schema of its variables. Every bad variable is named at
 * once, and the result is frozen so nothing changes it at run time.
 */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): Readonly<z.infer<S>> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`),
    );
  }
  return Object.freeze(result.data);
}

/** Boolean variables written as true/false/1/0/yes/no. */
export const booleanVar = (defaultValue: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(defaultValue ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const portVar = (defaultValue: number) =>
  z.coerce.number().int().min(0).max(65535).default(defaultValue);

/** Variables every process reads. */
export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  /** Prefix for every subject and stream name; lets test files share one NATS server. */
  NATS_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]*$/, 'letters, digits, - and _ only')
    .default(''),
  /** NATS credentials (or put them in NATS_URL as nats://user:password@host:4222). */
  NATS_USER: z.string().min(1).optional(),
  NATS_PASSWORD: z.string().min(1).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_SERVICE_NAME: z.string().optional(),
});

/** Variables of a process that owns a database schema. */
export const databaseEnvSchema = z.object({
  /** PostgreSQL URL; without it the service runs on embedded PGlite under DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default('.data'),
  /** Run migrations at start-up; on by default in embedded mode. */
  MIGRATE_ON_START: booleanVar(true),
  SEED_DEMO_DATA: booleanVar(false),
});
