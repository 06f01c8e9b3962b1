import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import {
  ConfigError,
  baseEnvSchema,
  booleanVar,
  databaseEnvSchema,
  loadConfig,
  portVar,
} from './index.js';

const schema = baseEnvSchema
  .extend(databaseEnvSchema.shape)
  .extend({ PORT: portVar(3000), X: booleanVar(false) });

describe('loadConfig', () => {
  it('applies defaults and freezes the result', () => {
    const config = loadConfig(schema, {});
    expect(config.NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(config.PORT).toBe(3000);
    expect(config.X).toBe(false);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig(schema, {
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
        X: 'maybe',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const names = (error as ConfigError).problems.map((p) => p.split(':')[0]).sort();
    expect(names).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'X']);
  });

  it('parses booleans', () => {
    expect(loadConfig(z.object({ B: booleanVar(false) }), { B: 'yes' }).B).toBe(true);
  });
});
