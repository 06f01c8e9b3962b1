import { Injectable } from '@nestjs/common';

/** Resolves when the dependency answers; rejects (with the reason) when it does not. */
export type ReadinessCheck = () => Promise<void>;

export type CheckResult = { status: 'ok' } | { status: 'failed'; error: string };

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, CheckResult>;
  /** Names of the checks that failed, in registration order. */
  failed: string[];
}

/** A check that has not answered by then counts as failed: probes must answer quickly. */
export const READINESS_TIMEOUT_MS = 2_000;

/** The checks behind GET /readyz; modules register theirs ('database', 'nats') at start-up. */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    if (this.checks.has(name)) throw new Error(`readiness check "${name}" is already registered`);
    this.checks.set(name, check);
  }

  /** Runs every check at once; the process is ready when all pass within the timeout. */
  async evaluate(timeoutMs = READINESS_TIMEOUT_MS): Promise<ReadinessReport> {
    const names = [...this.checks.keys()];
    const results = await Promise.all(
      [...this.checks.values()].map((check) => runCheck(check, timeoutMs)),
    );
    const checks = Object.fromEntries(names.map((name, i) => [name, results[i]!]));
    const failed = names.filter((name) => checks[name]!.status === 'failed');
    return { ready: failed.length === 0, checks, failed };
  }
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([Promise.resolve().then(check), timeout]);
    return { status: 'ok' };
  } catch (error) {
    return { status: 'failed', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
