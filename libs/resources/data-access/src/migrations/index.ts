import type { Migrations } from '@gm/shared-db';
import * as catalogue from './0001_catalogue.js';
import * as bookings from './0002_bookings.js';
import * as waitlist from './0003_qualifications_waitlist_holds.js';
import * as resourceChanges from './0004_resource_changes.js';

/** Every migration of the `resources` schema, by name; names sort in the order they run. */
export const resourcesMigrations: Migrations = {
  '0001_catalogue': catalogue,
  '0002_bookings': bookings,
  '0003_qualifications_waitlist_holds': waitlist,
  '0004_resource_changes': resourceChanges,
};
