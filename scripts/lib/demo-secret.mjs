// The demo-mode token signing secret: from AUTH_DEMO_SECRET, else kept in DATA_DIR so tokens
// stay valid across restarts of `npm start`, created on first use.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MIN_LENGTH = 32;

/**
 * @param {NodeJS.ProcessEnv} env
 * @param {string} dataDir
 * @returns {{ secret: string, source: 'env' | 'file' | 'created', path?: string }}
 */
export function demoSecret(env, dataDir) {
  if (env.AUTH_DEMO_SECRET) return { secret: env.AUTH_DEMO_SECRET, source: 'env' };
  const path = join(dataDir, 'demo-secret');
  const existing = readIfPresent(path);
  if (existing !== undefined) {
    if (existing.length < MIN_LENGTH) {
      throw new Error(
        `${path} holds fewer than ${MIN_LENGTH} characters; delete it to have a new secret made`,
      );
    }
    return { secret: existing, source: 'file', path };
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  try {
    // 'wx': never overwrite a secret another launcher wrote a moment ago.
    writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if (error.code === 'EEXIST') return demoSecret(env, dataDir);
    throw error;
  }
  return { secret, source: 'created', path };
}

function readIfPresent(path) {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  }
}
