import { describe, expect, it } from '@jest/globals';
import { ReadinessRegistry } from './readiness.registry.js';

describe('ReadinessRegistry', () => {
  it('is ready with no checks registered', async () => {
    await expect(new ReadinessRegistry().evaluate()).resolves.toEqual({
      ready: true,
      checks: {},
      failed: [],
    });
  });

  it('reports each check and names the failed ones', async () => {
    const registry = new ReadinessRegistry();
    registry.register('database', async () => undefined);
    registry.register('nats', async () => {
      throw new Error('connection refused');
    });
    await expect(registry.evaluate()).resolves.toEqual({
      ready: false,
      checks: {
        database: { status: 'ok' },
        nats: { status: 'failed', error: 'connection refused' },
      },
      failed: ['nats'],
    });
  });

  it('fails a check that does not answer within the timeout', async () => {
    const registry = new ReadinessRegistry();
    registry.register('stuck', () => new Promise(() => undefined));
    const started = Date.now();
    const report = await registry.evaluate(50);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(report.checks['stuck']).toEqual({ status: 'failed', error: 'no answer within 50 ms' });
  });

  it('treats a check that throws synchronously as failed', async () => {
    const registry = new ReadinessRegistry();
    registry.register('sync', () => {
      throw new Error('not connected');
    });
    await expect(registry.evaluate()).resolves.toMatchObject({ failed: ['sync'] });
  });

  it('refuses a second check under one name', () => {
    const registry = new ReadinessRegistry();
    registry.register('database', async () => undefined);
    expect(() => registry.register('database', async () => undefined)).toThrow(
      /already registered/,
    );
  });
});
