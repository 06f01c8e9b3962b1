import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { OpenedTestDatabase } from '@gm/shared-testing';
import {
  insertMissingHousingStock,
  type FrozenRoundJson,
  type HousingDB,
} from '@gm/housing-data-access';
import { frozenRoundDigest } from '@gm/housing-domain';
import { AddUnitsBodySchema, UnitChangesSchema, type RoundCreated } from '@gm/housing-contracts';
import type { ApplicationsUseCase } from '../applications/applications.use-case.js';
import {
  housingUseCases,
  oneBuildingProject,
  openHousingDatabase,
  person,
  type Flat,
} from '../housing.test-support.js';
import type { AddUnitsUseCase } from '../stock/add-units.use-case.js';
import type { ManageUnitsUseCase } from '../stock/manage-units.use-case.js';
import { SimulateAllocationUseCase } from '../use-cases/simulate-allocation.use-case.js';
import type { RoundsUseCase } from './rounds.use-case.js';

jest.setTimeout(60_000);

const officer = person('freeze.officer', ['housing-officer']);

/** A flat of `bedrooms` and `area` m², let at 30 a m² a month. */
const flat = (bedrooms: number, area: number): Flat => [bedrooms, area, 30 * area];
// One one-bedroom flat of 60 m² when the talents apply; a building is added afterwards.
const ADD = oneBuildingProject('ADD', { '101': flat(1, 60) });
// Two-bedroom flats that will all retire, and one-bedroom flats, one of them re-measured.
const RET = oneBuildingProject('RET', {
  '101': flat(2, 65),
  '102': flat(2, 65),
  '201': flat(1, 45),
  '202': flat(1, 45),
});

describe('rounds expand ranked lists against the stock they freeze, on PostgreSQL', () => {
  let opened: OpenedTestDatabase<HousingDB>;
  let applications: ApplicationsUseCase;
  let rounds: RoundsUseCase;
  let additions: AddUnitsUseCase;
  let units: ManageUnitsUseCase;
  const simulations = new SimulateAllocationUseCase();

  const db = () => opened.database.db;
  const classIdsOf = async (applicationId: string) =>
    (
      await db()
        .selectFrom('applications')
        .select('class_ids')
        .where('id', '=', applicationId)
        .executeTakeFirstOrThrow()
    ).class_ids;
  const frozenOf = async (round: RoundCreated) => {
    const row = await db()
      .selectFrom('rounds')
      .select(['frozen', 'input_digest'])
      .where('id', '=', round.id)
      .executeTakeFirstOrThrow();
    return row;
  };
  const frozenList = (frozen: FrozenRoundJson, applicationId: string) =>
    frozen.applicants.find((a) => a.publicId === applicationId)?.classIds;

  beforeAll(async () => {
    opened = await openHousingDatabase();
    for (const p of [ADD, RET]) await insertMissingHousingStock(db(), p.stock);
    ({ applications, rounds, additions, units } = housingUseCases(opened.database));
  }, 60_000);

  afterAll(() => opened?.cleanup());

  it('a layout added after the application reaches it when the classes it had run out', async () => {
    // Tier A ranks first; a single person (0–1 bedrooms) takes the 60 m² flat.
    const first = await applications.create(person('freeze.first', ['talent']), {
      talentTier: 'A',
      householdSize: 1,
      preferredProjectIds: [ADD.id],
    });
    // Tier B (≤ 90 m²), a couple (1–2 bedrooms): at submission, only ADD:1BR:60 exists.
    const talent = person('freeze.second', ['talent']);
    const second = await applications.create(talent, {
      talentTier: 'B',
      householdSize: 2,
      preferences: [{ projectId: ADD.id }],
    });
    expect(await classIdsOf(second.id)).toEqual(['ADD:1BR:60']);

    // The officer adds building 2: one-bedroom 45 m² flats (a new class the couple may have) and
    // three-bedroom 95 m² ones (too many bedrooms and too large for them).
    const added = await additions.execute(officer, {
      projectId: ADD.id,
      ...AddUnitsBodySchema.parse({
        building: {
          code: '2',
          floors: 1,
          layout: [
            { bedrooms: 1, areaSqm: 45, monthlyRent: 1350 },
            { bedrooms: 3, areaSqm: 95, monthlyRent: 2850 },
          ],
        },
      }),
    });
    expect(added.items.map((u) => u.classId)).toEqual(['ADD:1BR:45', 'ADD:3BR:95']);

    const round = await rounds.create(officer, { projectIds: [ADD.id], seed: 'freeze-add' });
    const { frozen, input_digest } = await frozenOf(round);
    // The list as the submission rules rank it today: larger first, the unfitting class left out.
    expect(frozenList(frozen, second.id)).toEqual(['ADD:1BR:60', 'ADD:1BR:45']);
    expect(frozenList(frozen, first.id)).toEqual(['ADD:1BR:60', 'ADD:1BR:45']);
    // The digest covers the derived lists; the application keeps what it was told at submission.
    expect(input_digest).toBe(frozenRoundDigest(frozen));
    expect(round.inputDigest).toBe(input_digest);
    expect(await classIdsOf(second.id)).toEqual(['ADD:1BR:60']);

    const offerOf = (id: string) => round.offers.find((o) => o.applicationId === id);
    expect(offerOf(first.id)).toMatchObject({ classId: 'ADD:1BR:60', unitCode: 'ADD-1-101' });
    expect(offerOf(second.id)).toMatchObject({ classId: 'ADD:1BR:45', unitCode: 'ADD-2-101' });

    // The explanation speaks of the derived list; the proof replays to the published result.
    const why = await rounds.explain(talent, second.id);
    expect(why).toMatchObject({
      rank: 2,
      classId: 'ADD:1BR:45',
      choice: 2,
      counterfactual: { classId: 'ADD:1BR:60', choice: 1, atRankAtMost: 1 },
    });
    expect(why.summary).toContain('you received your choice 2 (ADD:1BR:45)');
    const published = await rounds.get(round.id);
    expect(simulations.execute(officer, published.proof).digest).toBe(published.resultDigest);
    expect(published.lastRankServed.map((c) => c.classId)).toEqual([
      'ADD:1BR:45',
      'ADD:1BR:60',
      'ADD:3BR:95',
    ]);
  });

  it('a class whose units all retired leaves the frozen list; a re-measured layout joins it', async () => {
    const talent = person('freeze.retire', ['talent']);
    // A couple under tier B: two bedrooms first, else one.
    const application = await applications.create(talent, {
      talentTier: 'B',
      householdSize: 2,
      preferences: [
        { projectId: RET.id, bedrooms: 2 },
        { projectId: RET.id, bedrooms: 1 },
      ],
    });
    expect(await classIdsOf(application.id)).toEqual(['RET:2BR:65', 'RET:1BR:45']);

    for (const number of ['101', '102']) await units.retire(officer, { id: RET.unitId(number) });
    await units.update(officer, {
      id: RET.unitId('202'),
      changes: UnitChangesSchema.parse({ areaSqm: 50, note: '复测面积' }),
    });

    const round = await rounds.create(officer, { projectIds: [RET.id], seed: 'freeze-retire' });
    const { frozen } = await frozenOf(round);
    // The two-bedroom entry reaches nothing now; the one-bedroom entry, larger first.
    expect(frozenList(frozen, application.id)).toEqual(['RET:1BR:50', 'RET:1BR:45']);
    expect(frozen.units.map((u) => u.classId).sort()).toEqual(['RET:1BR:45', 'RET:1BR:50']);
    expect(round.offers).toEqual([
      expect.objectContaining({
        applicationId: application.id,
        classId: 'RET:1BR:50',
        unitCode: 'RET-1-202',
      }),
    ]);
    const why = await rounds.explain(talent, application.id);
    expect(why.choices.map((c) => c.classId)).toEqual(['RET:1BR:50', 'RET:1BR:45']);
    expect(why).toMatchObject({ classId: 'RET:1BR:50', choice: 1 });
    const published = await rounds.get(round.id);
    expect(simulations.execute(officer, published.proof).digest).toBe(published.resultDigest);
  });
});
