import { Inject } from '@nestjs/common';
import { DATABASE, type Database } from '@gm/shared-db';
import type { HousingDB } from '@gm/housing-data-access';

export type HousingDatabase = Database<HousingDB>;

/** Injects the service's database, typed with the `housing` schema. */
export const InjectHousingDatabase = () => Inject(DATABASE);
