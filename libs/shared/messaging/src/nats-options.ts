import type { ConnectionOptions } from 'nats';

type NatsAuthOptions = Pick<ConnectionOptions, 'servers' | 'user' | 'pass' | 'token'>;

/**
 * Connection options from a NATS URL. Credentials may ride in the URL
 * (`nats://user:password@host:4222`, or `nats://token@host:4222`), which nats.js does not read
 * itself; they are moved to `user`/`pass`/`token` and left out of the server address. Otherwise
 * NATS_USER and NATS_PASSWORD apply (validated by `baseEnvSchema`): Kubernetes sets them from a
 * Secret, and every connection of the process (RPC, events, the dlq command) signs in alike.
 */
export function natsConnectionOptions(
  natsUrl: string,
  env: Record<string, string | undefined> = process.env,
): NatsAuthOptions {
  const servers = natsUrl.split(',').map((s) => s.trim());
  const first = safeUrl(servers[0] ?? '');
  if (!first || (!first.username && !first.password)) {
    const { NATS_USER: user, NATS_PASSWORD: pass } = env;
    return user && pass ? { servers: natsUrl, user, pass } : { servers: natsUrl };
  }
  const strip = (s: string) => {
    const url = safeUrl(s);
    if (!url) return s;
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  };
  const user = decodeURIComponent(first.username);
  const pass = decodeURIComponent(first.password);
  return {
    servers: servers.map(strip),
    ...(pass ? { user, pass } : { token: user }),
  };
}

function safeUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
