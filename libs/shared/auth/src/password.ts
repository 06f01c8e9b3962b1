import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// OWASP's scrypt setting of equal strength to N=2^17,r=8,p=1 that stays within Node's default
// 32 MiB memory limit: N=2^14, r=8, p=5 (16 MiB).
const COST = 2 ** 14;
const BLOCK_SIZE = 8;
const PARALLELISM = 5;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Bounds for parameters read back from a stored hash, so a corrupt row cannot demand gigabytes.
const MAX_COST = 2 ** 20;
const MAX_BLOCK_SIZE = 32;
const MAX_PARALLELISM = 16;

function derive(
  password: string,
  salt: Buffer,
  length: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

const memoryFor = (N: number, r: number, p: number) => 128 * r * (N + p + 2) + 1024 * 1024;

/** Hashes a password as `scrypt$N$r$p$salt$hash` (salt and hash base64url), self-describing so the cost can grow later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const options = {
    N: COST,
    r: BLOCK_SIZE,
    p: PARALLELISM,
    maxmem: memoryFor(COST, BLOCK_SIZE, PARALLELISM),
  };
  const hash = await derive(password, salt, KEY_BYTES, options);
  return [
    'scrypt',
    COST,
    BLOCK_SIZE,
    PARALLELISM,
    salt.toString('base64url'),
    hash.toString('base64url'),
  ].join('$');
}

/** Checks a password against a stored hash in constant time; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const { N, r, p, salt, hash } = parsed;
  const derived = await derive(password, salt, hash.length, {
    N,
    r,
    p,
    maxmem: memoryFor(N, r, p),
  });
  return timingSafeEqual(derived, hash);
}

function parseHash(stored: string) {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4] as string, 'base64url');
  const hash = Buffer.from(parts[5] as string, 'base64url');
  const validCost = Number.isInteger(N) && N > 1 && N <= MAX_COST && (N & (N - 1)) === 0;
  const validBlock = Number.isInteger(r) && r >= 1 && r <= MAX_BLOCK_SIZE;
  const validParallelism = Number.isInteger(p) && p >= 1 && p <= MAX_PARALLELISM;
  if (!validCost || !validBlock || !validParallelism || salt.length < 8 || hash.length < 16)
    return undefined;
  return { N, r, p, salt, hash };
}
