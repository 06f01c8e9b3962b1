import type { Migrations } from '@gm/shared-db';
import * as referenceData from './0001_reference_data.js';
import * as tickets from './0002_tickets.js';
import * as outcomesAndExtensions from './0003_outcomes_and_extensions.js';
import * as duplicatesItemsContact from './0004_duplicates_items_contact.js';

/** Every migration of the `triage` schema, by name; names sort in the order they run. */
export const triageMigrations: Migrations = {
  '0001_reference_data': referenceData,
  '0002_tickets': tickets,
  '0003_outcomes_and_extensions': outcomesAndExtensions,
  '0004_duplicates_items_contact': duplicatesItemsContact,
};
