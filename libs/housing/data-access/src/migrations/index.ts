import type { Migrations } from '@gm/shared-db';
import * as projectsAndUnits from './0001_projects_and_units.js';
import * as applicationsRoundsOffers from './0002_applications_rounds_offers.js';
import * as reviewRequestsAndVacancies from './0003_review_requests_and_vacancies.js';
import * as preferencesAndTenancies from './0004_preferences_and_tenancies.js';
import * as stockManagement from './0005_stock_management.js';

/** Every migration of the `housing` schema, by name; names sort in the order they run. */
export const housingMigrations: Migrations = {
  '0001_projects_and_units': projectsAndUnits,
  '0002_applications_rounds_offers': applicationsRoundsOffers,
  '0003_review_requests_and_vacancies': reviewRequestsAndVacancies,
  '0004_preferences_and_tenancies': preferencesAndTenancies,
  '0005_stock_management': stockManagement,
};
