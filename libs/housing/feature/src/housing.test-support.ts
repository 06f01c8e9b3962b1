// What the housing feature's integration tests share: identities, refusals, a migrated database,
// the use cases wired on it, one-building projects, and reading the outbox.
import { expect } from '@jest/globals';
import type { Kysely } from 'kysely';
import { stableId, type Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { migrateToLatest } from '@gm/shared-db';
import {
  MESSAGING_MIGRATION_TABLE,
  messagingMigrations,
  Outbox,
  type MessagingTables,
} from '@gm/shared-messaging';
import { openTestDatabase, type OpenedTestDatabase } from '@gm/shared-testing';
import { housingMigrations, type HousingDB } from '@gm/housing-data-access';
import { ApplicationsUseCase } from './applications/applications.use-case.js';
import type { HousingDatabase } from './database.js';
import { OffersUseCase } from './offers/offers.use-case.js';
import { ReviewRequestsUseCase } from './reviews/review-requests.use-case.js';
import { RoundAllocator } from './rounds/round-allocator.js';
import { RoundsUseCase } from './rounds/rounds.use-case.js';
import type { HousingModuleOptions } from './seed/demo-seed.runner.js';
import { HousingSettings } from './settings.js';
import { AddUnitsUseCase } from './stock/add-units.use-case.js';
import { ManageProjectsUseCase } from './stock/manage-projects.use-case.js';
import { ManageUnitsUseCase } from './stock/manage-units.use-case.js';
import { ListProjectUnitsUseCase } from './units/list-project-units.use-case.js';
import { VacateUnitUseCase } from './units/vacate-unit.use-case.js';
import { ListHousingProjectsUseCase } from './use-cases/list-housing-projects.use-case.js';

/** An identity as the gateway passes it on, its id derived from the username. */
export const person = (username: string, roles: Identity['roles']): Identity => ({
  id: stableId('user', username),
  username,
  roles,
});

/** The AppError `promise` is refused with; the test fails if it resolves or throws anything else. */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/**
 * A fresh database with housing's tables and the messaging ones (outbox, inbox) the use cases
 * write events to; `messaging: false` where an EventsModule migrates those at init.
 */
export async function openHousingDatabase({ messaging = true } = {}): Promise<
  OpenedTestDatabase<HousingDB>
> {
  const opened = await openTestDatabase<HousingDB>({
    service: 'housing',
    schema: 'housing',
    migrations: housingMigrations,
  });
  try {
    if (messaging) {
      await migrateToLatest(opened.database, messagingMigrations, {
        table: MESSAGING_MIGRATION_TABLE,
      });
    }
    return opened;
  } catch (error) {
    await opened.cleanup();
    throw error;
  }
}

/**
 * The housing use cases on one database and one outbox, wired as HousingModule wires them (one
 * RoundAllocator for rounds and offers). `options` are the module's, the demo seed always off.
 */
export function housingUseCases(
  database: HousingDatabase,
  options: Omit<HousingModuleOptions, 'seedDemoData'> = {},
) {
  const settings = new HousingSettings({ ...options, seedDemoData: false });
  const events = new Outbox('/guangming/housing');
  const allocator = new RoundAllocator(events, settings);
  return {
    applications: new ApplicationsUseCase(database, events, settings),
    rounds: new RoundsUseCase(database, events, settings, allocator),
    offers: new OffersUseCase(database, events, settings, allocator),
    reviews: new ReviewRequestsUseCase(database, events),
    vacancies: new VacateUnitUseCase(database, events),
    projects: new ManageProjectsUseCase(database, events),
    additions: new AddUnitsUseCase(database, events),
    /** The housing office's unit management (edit, retire, history). */
    units: new ManageUnitsUseCase(database, events),
    catalogue: new ListHousingProjectsUseCase(database),
    /** The public, paged list of a project's units. */
    unitList: new ListProjectUnitsUseCase(database),
  };
}

/** A flat: bedrooms, floor area in m², monthly rent. */
export type Flat = readonly [bedrooms: number, areaSqm: number, monthlyRent: number];

/**
 * A one-building project (building `1`) of the given flats by number, all available, as rows for
 * `insertMissingHousingStock`; its ids are derived from `code` as the demo seed derives them.
 */
export function oneBuildingProject(
  code: string,
  flats: Record<string, Flat>,
  names: { name: string; nameEn: string } = { name: `${code} 项目`, nameEn: code },
) {
  const id = stableId('housing-project', code);
  const building = stableId('housing-building', `${code}/1`);
  const unitId = (number: string) => stableId('housing-unit', `${code}/1/${number}`);
  return {
    id,
    building,
    unitId,
    stock: {
      projects: [{ id, code, name: names.name, name_en: names.nameEn, address: '' }],
      buildings: [{ id: building, project_id: id, code: '1', name: '1栋' }],
      units: Object.entries(flats).map(([number, [bedrooms, areaSqm, monthlyRent]]) => ({
        id: unitId(number),
        building_id: building,
        number,
        floor: Number(number.slice(0, -2)),
        bedrooms,
        area_sqm: areaSqm,
        monthly_rent: monthlyRent,
      })),
    },
  };
}

/** An event as the outbox stores it: its type and the CloudEvent, whose `data` tests read. */
export interface OutboxEvent {
  type: string;
  payload: { data: Record<string, unknown> };
}

/** The events in the outbox in the order they were written; only those about `subject` if given. */
export async function outboxEvents(
  db: Kysely<HousingDB>,
  subject?: string,
): Promise<OutboxEvent[]> {
  // The outbox is the messaging lib's table in the service's schema, not one of HousingDB's.
  let query = (db as unknown as Kysely<MessagingTables>)
    .selectFrom('outbox')
    .select(['type', 'payload'])
    .orderBy('seq');
  if (subject !== undefined) query = query.where('subject', '=', subject);
  return (await query.execute()) as unknown as OutboxEvent[];
}

/** A unit's status as stored. */
export async function unitStatus(db: Kysely<HousingDB>, id: string) {
  return (
    await db.selectFrom('units').select('status').where('id', '=', id).executeTakeFirstOrThrow()
  ).status;
}
