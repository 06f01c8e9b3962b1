import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { RESOURCES_MODULE_OPTIONS, type ResourcesModuleOptions } from '../seed/demo-seed.runner.js';
import { CompleteEndedBookingsUseCase } from './complete-bookings.use-case.js';

export const DEFAULT_SWEEP_INTERVAL_MS = 60_000;

/**
 * Completes ended bookings periodically. State lives in the database (an approved booking whose
 * end has passed), so a restart loses nothing: the next sweep catches up.
 */
@Injectable()
export class CompletionSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CompletionSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(RESOURCES_MODULE_OPTIONS) private readonly options: ResourcesModuleOptions,
    private readonly complete: CompleteEndedBookingsUseCase,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
    if (interval <= 0) return;
    this.timer = setInterval(() => void this.sweep(), interval);
    this.timer.unref();
    void this.sweep();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One sweep; overlapping calls share the one running. */
  sweep(): Promise<void> {
    this.running ??= this.complete
      .execute()
      .then((n) => {
        if (n > 0) this.logger.log(`${n} ended bookings completed`);
      })
      .catch((error: unknown) => this.logger.error(`completion sweep failed: ${String(error)}`))
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
