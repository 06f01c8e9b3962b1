import { afterEach, describe, expect, it } from '@jest/globals';
import { testDatabaseUrl, testNatsUrl } from './env.js';

describe('test server URLs', () => {
  const saved = { db: process.env.TEST_DATABASE_URL, nats: process.env.TEST_NATS_URL };
  afterEach(() => {
    process.env.TEST_DATABASE_URL = saved.db;
    process.env.TEST_NATS_URL = saved.nats;
    if (saved.db === undefined) delete process.env.TEST_DATABASE_URL;
    if (saved.nats === undefined) delete process.env.TEST_NATS_URL;
  });

  it('come from the environment', () => {
    process.env.TEST_DATABASE_URL = 'postgres://u@h:1/db';
    process.env.TEST_NATS_URL = 'nats://h:2';
    expect(testDatabaseUrl()).toBe('postgres://u@h:1/db');
    expect(testNatsUrl()).toBe('nats://h:2');
  });

  it('throw an error that says where they come from when unset', () => {
    delete process.env.TEST_DATABASE_URL;
    delete process.env.TEST_NATS_URL;
    expect(() => testDatabaseUrl()).toThrow(/TEST_DATABASE_URL is not set.*jest-global-setup\.mjs/);
    expect(() => testNatsUrl()).toThrow(/TEST_NATS_URL is not set/);
  });
});
