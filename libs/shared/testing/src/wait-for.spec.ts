import { describe, expect, it } from '@jest/globals';
import { waitFor } from './wait-for.js';

describe('waitFor', () => {
  it('resolves with the first value that is not undefined or false', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls < 3 ? undefined : { calls }), { intervalMs: 1 });
    expect(value).toEqual({ calls: 3 });
    await expect(waitFor(async () => 0)).resolves.toBe(0);
    await expect(waitFor(() => '')).resolves.toBe('');
  });

  it('treats a throwing probe as not ready yet', async () => {
    let calls = 0;
    const value = await waitFor(
      () => {
        if (++calls < 3) throw new Error('not yet');
        return 'ready';
      },
      { intervalMs: 1 },
    );
    expect(value).toBe('ready');
  });

  it('times out naming what it waited for, with the last error as the cause', async () => {
    const started = Date.now();
    const error = await waitFor(
      () => {
        throw new Error('still empty');
      },
      { timeoutMs: 100, intervalMs: 10, what: 'the booking event' },
    ).catch((e: unknown) => e as Error);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(error.message).toBe(
      'timed out after 100 ms waiting for the booking event (last error: still empty)',
    );
    expect((error.cause as Error).message).toBe('still empty');
    await expect(waitFor(() => false, { timeoutMs: 30 })).rejects.toThrow(
      'waiting for the condition',
    );
  });
});
