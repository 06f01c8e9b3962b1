// Polls each process's /readyz until it answers 200.
/* global fetch, AbortSignal */

/** True when `url` answers 200 within `timeoutMs`. */
export async function answersOk(url, timeoutMs = 2000) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * Waits until every target is ready, the time is up, or `signal` aborts (a process died).
 * Resolves the names of the targets that never became ready (empty when all did).
 * @param {{ name: string, url: string }[]} targets
 * @param {{ timeoutMs: number, intervalMs?: number, signal?: AbortSignal, onReady?: (name: string) => void }} options
 */
export async function waitUntilReady(targets, { timeoutMs, intervalMs = 500, signal, onReady }) {
  const pending = new Map(targets.map((t) => [t.name, t.url]));
  const deadline = Date.now() + timeoutMs;
  while (pending.size > 0 && Date.now() < deadline && !signal?.aborted) {
    await Promise.all(
      [...pending].map(async ([name, url]) => {
        if (await answersOk(url)) {
          pending.delete(name);
          onReady?.(name);
        }
      }),
    );
    if (pending.size > 0) await new Promise((r) => setTimeout(r, intervalMs));
  }
  return [...pending.keys()];
}
