// Jest global setup of the integration and e2e projects: PostgreSQL and NATS once per run.
// See README.md for the order of sources; jest-global-teardown.mjs stops what this started.
import { resolveTestServers } from './test-servers.mjs';

export const STATE_KEY = Symbol.for('gm.test-servers');

export default async function globalSetup() {
  // Both projects name this file; the servers are shared, so only the first call does the work.
  if (globalThis[STATE_KEY]) return;
  const servers = await resolveTestServers();
  globalThis[STATE_KEY] = servers;
  console.log(`\n[test servers] ${servers.summary}`);
}
