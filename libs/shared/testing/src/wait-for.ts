export interface WaitForOptions {
  /** Default 5000. */
  timeoutMs?: number;
  /** Default 50. */
  intervalMs?: number;
  /** Named in the timeout error, e.g. 'the booking.created event'. */
  what?: string;
}

/**
 * Polls `probe` until it returns something other than `undefined` or `false`, and resolves with
 * that. A probe that throws counts as "not yet"; its last error is the timeout error's cause.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  options: WaitForOptions = {},
): Promise<T> {
  const { timeoutMs = 5_000, intervalMs = 50, what = 'the condition' } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const result = await probe();
      if (result !== undefined && result !== false) return result;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${reason}`, {
        cause: lastError,
      });
    }
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(intervalMs, Math.max(0, deadline - Date.now()))),
    );
  }
}
