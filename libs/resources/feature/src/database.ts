import { Inject } from '@nestjs/common';
import { DATABASE, type Database } from '@gm/shared-db';
import type { ResourcesDB } from '@gm/resources-data-access';

export type ResourcesDatabase = Database<ResourcesDB>;

/** Injects the service's database, typed with the `resources` schema. */
export const InjectResourcesDatabase = () => Inject(DATABASE);
