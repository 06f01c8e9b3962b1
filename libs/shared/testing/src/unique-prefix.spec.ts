import { describe, expect, it } from '@jest/globals';
import { baseEnvSchema, loadConfig } from '@gm/shared-config';
import { uniquePrefix } from './unique-prefix.js';

describe('uniquePrefix', () => {
  it('is short, safe for NATS names, and different every time', () => {
    const prefixes = Array.from({ length: 1000 }, () => uniquePrefix());
    for (const prefix of prefixes) expect(prefix).toMatch(/^t[0-9a-f]{8}$/);
    expect(new Set(prefixes).size).toBe(1000);
  });

  it('keeps a readable label, reduced to [a-z0-9_]', () => {
    expect(uniquePrefix('Booking Flow!')).toMatch(/^booking_flow_[0-9a-f]{8}$/);
    expect(uniquePrefix('a.b>c*')).toMatch(/^a_b_c_[0-9a-f]{8}$/);
    expect(uniquePrefix('***')).toMatch(/^t[0-9a-f]{8}$/);
    expect(uniquePrefix('x'.repeat(40))).toMatch(/^x{16}_[0-9a-f]{8}$/);
  });

  it('is accepted as NATS_PREFIX by the configuration', () => {
    const prefix = uniquePrefix('Some Label');
    expect(loadConfig(baseEnvSchema, { NATS_PREFIX: prefix }).NATS_PREFIX).toBe(prefix);
  });
});
