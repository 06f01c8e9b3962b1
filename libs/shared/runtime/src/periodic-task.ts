import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';

/**
 * Work a service repeats on a timer: sweeps whose state lives in the database, so a restart loses
 * nothing and the first run after start catches up. Runs never overlap (a call during a run
 * shares it); a failed run is logged and the next one tries again; an interval ≤ 0 turns it off.
 * Replicas may all run it: the sweeps claim rows with `FOR UPDATE SKIP LOCKED`.
 */
export abstract class PeriodicTask implements OnApplicationBootstrap, OnModuleDestroy {
  protected readonly logger = new Logger(this.constructor.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  /** Milliseconds between runs, read once at start. */
  protected abstract intervalMs(): number;

  /** One run; resolves to a line worth logging when the run did something. */
  protected abstract runOnce(): Promise<string | undefined>;

  onApplicationBootstrap(): void {
    const interval = this.intervalMs();
    if (interval <= 0) return;
    this.timer = setInterval(() => void this.run(), interval);
    this.timer.unref();
    void this.run();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Runs now, or joins the run under way. */
  run(): Promise<void> {
    this.running ??= this.runOnce()
      .then((line) => {
        if (line) this.logger.log(line);
      })
      .catch((error: unknown) => this.logger.error(`run failed: ${String(error)}`))
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
