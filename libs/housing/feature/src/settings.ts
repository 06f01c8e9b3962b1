import { Inject, Injectable } from '@nestjs/common';
import type { HousingPolicy } from '@gm/housing-contracts';
import { DEFAULT_HOUSING_POLICY } from '@gm/housing-domain';
import { HOUSING_MODULE_OPTIONS, type HousingModuleOptions } from './seed/demo-seed.runner.js';

export const DEFAULT_OFFER_HOURS = 72;

/** The module's options with their defaults applied. */
@Injectable()
export class HousingSettings {
  readonly policy: HousingPolicy;
  readonly offerHours: number;

  constructor(@Inject(HOUSING_MODULE_OPTIONS) options: HousingModuleOptions) {
    this.policy = options.policy ?? DEFAULT_HOUSING_POLICY;
    this.offerHours = options.offerHours ?? DEFAULT_OFFER_HOURS;
  }
}
