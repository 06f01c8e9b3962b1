import type { Migrations } from '@gm/shared-db';
import * as catalogue from './0001_catalogue.js';

/** Every migration of the `resources` schema, by name; names sort in the order they run. */
export const resourcesMigrations: Migrations = {
  '0001_catalogue': catalogue,
};
