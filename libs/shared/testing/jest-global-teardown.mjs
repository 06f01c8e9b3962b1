// Stops what jest-global-setup.mjs started and drops the databases this run's test files left.
import { STATE_KEY } from './jest-global-setup.mjs';

export default async function globalTeardown() {
  const servers = globalThis[STATE_KEY];
  if (!servers) return;
  delete globalThis[STATE_KEY];
  await servers.stop();
}
