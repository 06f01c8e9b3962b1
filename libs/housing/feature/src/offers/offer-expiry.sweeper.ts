import { Inject, Injectable } from '@nestjs/common';
import { PeriodicTask } from '@gm/shared-runtime';
import { HOUSING_MODULE_OPTIONS, type HousingModuleOptions } from '../seed/demo-seed.runner.js';
import { OffersUseCase } from './offers.use-case.js';

export const DEFAULT_OFFER_SWEEP_INTERVAL_MS = 30_000;

/** Lapses offers past their deadline periodically; the first sweep after a restart catches up. */
@Injectable()
export class OfferExpirySweeper extends PeriodicTask {
  constructor(
    @Inject(HOUSING_MODULE_OPTIONS) private readonly options: HousingModuleOptions,
    private readonly offers: OffersUseCase,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.options.offerSweepIntervalMs ?? DEFAULT_OFFER_SWEEP_INTERVAL_MS;
  }

  protected async runOnce(): Promise<string | undefined> {
    const n = await this.offers.expireLapsed();
    return n > 0 ? `${n} lapsed offers expired and re-offered` : undefined;
  }
}
