import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { HOUSING_MODULE_OPTIONS, type HousingModuleOptions } from '../seed/demo-seed.runner.js';
import { OffersUseCase } from './offers.use-case.js';

export const DEFAULT_OFFER_SWEEP_INTERVAL_MS = 30_000;

/** Lapses offers past their deadline periodically; the first sweep after a restart catches up. */
@Injectable()
export class OfferExpirySweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OfferExpirySweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(HOUSING_MODULE_OPTIONS) private readonly options: HousingModuleOptions,
    private readonly offers: OffersUseCase,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.options.offerSweepIntervalMs ?? DEFAULT_OFFER_SWEEP_INTERVAL_MS;
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
    this.running ??= this.offers
      .expireLapsed()
      .then((n) => {
        if (n > 0) this.logger.log(`${n} lapsed offers expired and re-offered`);
      })
      .catch((error: unknown) => this.logger.error(`offer expiry sweep failed: ${String(error)}`))
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
