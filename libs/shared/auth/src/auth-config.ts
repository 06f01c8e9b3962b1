import { z } from 'zod';
import { ConfigError } from '@gm/shared-config';

/** The demo mode signs its own tokens; these are fixed so every process agrees on them. */
export const DEMO_ISSUER = 'guangming-demo';
export const DEMO_AUDIENCE = 'guangming-platform';

/** Asymmetric JWS algorithms an OIDC provider may sign with; `none` and HMAC never qualify. */
export const OIDC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const;

type OidcAlgorithm = (typeof OIDC_ALGORITHMS)[number];
const isOidcAlgorithm = (name: string): name is OidcAlgorithm =>
  (OIDC_ALGORITHMS as readonly string[]).includes(name);

/** `'RS256, ES256'` → `['RS256', 'ES256']`, refusing any algorithm not in the allow-list. */
const algorithmList = z.string().transform((value, ctx) => {
  const names = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const refused = names.filter((name) => !isOidcAlgorithm(name));
  if (refused.length || !names.length) {
    ctx.addIssue({
      code: 'custom',
      message: `${refused.length ? `not allowed: ${refused.join(', ')}; ` : ''}name some of ${OIDC_ALGORITHMS.join(', ')}`,
    });
    return z.NEVER;
  }
  return names.filter(isOidcAlgorithm);
});

const fields = z.object({
  AUTH_MODE: z.enum(['demo', 'oidc']).default('demo'),
  AUTH_DEMO_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  AUTH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  AUTH_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  AUTH_ALGORITHMS: algorithmList.default(['RS256', 'ES256', 'EdDSA']),
  AUTH_ROLES_CLAIM: z.string().min(1).default('roles'),
  AUTH_UNIT_CLAIM: z.string().min(1).default('unit_id'),
  AUTH_DEPARTMENT_CLAIM: z.string().min(1).default('department_id'),
  AUTH_USERNAME_CLAIM: z.string().min(1).default('preferred_username'),
});

type AuthFields = z.output<typeof fields>;

/** Variables each mode needs, as `[variable, problem]` pairs. */
function modeProblems(config: AuthFields): Array<[keyof AuthFields, string]> {
  if (config.AUTH_MODE === 'demo') {
    return config.AUTH_DEMO_SECRET
      ? []
      : [['AUTH_DEMO_SECRET', 'required when AUTH_MODE is demo (at least 32 characters)']];
  }
  // Without issuer and audience, any token the provider signs for any other client would pass.
  const required = ['AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE'] as const;
  return required
    .filter((name) => !config[name])
    .map((name) => [name, 'required when AUTH_MODE is oidc']);
}

export const authEnvSchema = fields.superRefine((config, ctx) => {
  for (const [path, message] of modeProblems(config)) {
    ctx.addIssue({ code: 'custom', path: [path], message });
  }
});

export type AuthConfig = z.infer<typeof authEnvSchema>;

/**
 * Re-checks the cross-field rules. `baseEnvSchema.extend(authEnvSchema.shape)` keeps the fields
 * but drops the refinement, so the classes that consume the config check it themselves.
 */
export function assertAuthConfig(config: AuthConfig): void {
  const problems = modeProblems(config);
  if (problems.length) {
    throw new ConfigError(problems.map(([name, message]) => `${name}: ${message}`));
  }
}
