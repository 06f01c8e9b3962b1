import { describe, expect, it } from '@jest/globals';
import { hashPassword, verifyPassword } from './index.js';

describe('password hashing', () => {
  it('writes a self-describing scrypt hash that verifies only the right password', async () => {
    const stored = await hashPassword('guangming-demo');
    expect(stored).toMatch(/^scrypt\$16384\$8\$5\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('guangming-demo', stored)).toBe(true);
    expect(await verifyPassword('guangming-dem0', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same', b)).toBe(true);
  });

  it('treats the same text in any Unicode form as one password', async () => {
    const stored = await hashPassword('caf\u00e9');
    expect(await verifyPassword('cafe\u0301', stored)).toBe(true);
  });

  it('never matches a tampered or malformed hash', async () => {
    const stored = await hashPassword('secret');
    const parts = stored.split('$');
    const otherHash = Buffer.alloc(32, 1).toString('base64url');
    expect(await verifyPassword('secret', [...parts.slice(0, 5), otherHash].join('$'))).toBe(false);
    expect(
      await verifyPassword('secret', ['scrypt', '16384', '8', '4', ...parts.slice(4)].join('$')),
    ).toBe(false);
    expect(await verifyPassword('secret', '')).toBe(false);
    expect(await verifyPassword('secret', 'bcrypt$10$abc')).toBe(false);
    expect(
      await verifyPassword('secret', ['scrypt', '1000', '8', '5', ...parts.slice(4)].join('$')),
    ).toBe(false);
    // A cost no stored hash of ours has is refused before any work (it would need gigabytes).
    expect(
      await verifyPassword(
        'secret',
        ['scrypt', String(2 ** 30), '8', '5', ...parts.slice(4)].join('$'),
      ),
    ).toBe(false);
  });
});
