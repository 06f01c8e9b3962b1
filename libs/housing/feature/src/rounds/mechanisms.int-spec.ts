import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { stableId } from '@gm/shared-contracts';
import type { OpenedTestDatabase } from '@gm/shared-testing';
import { insertMissingHousingStock, type HousingDB } from '@gm/housing-data-access';
import { DEFAULT_HOUSING_POLICY } from '@gm/housing-domain';
import type { Application, PublishedRound, RoundCreated } from '@gm/housing-contracts';
import type { ApplicationsUseCase } from '../applications/applications.use-case.js';
import {
  housingUseCases,
  oneBuildingProject,
  openHousingDatabase,
  outboxEvents,
  person,
  refusal,
  unitStatus as statusOf,
  type Flat,
} from '../housing.test-support.js';
import type { OffersUseCase } from '../offers/offers.use-case.js';
import { SimulateAllocationUseCase } from '../use-cases/simulate-allocation.use-case.js';
import type { RoundsUseCase } from './rounds.use-case.js';

jest.setTimeout(60_000);

const officer = person('housing1', ['housing-officer']);
const SIAT = stableId('unit', 'SIAT');

// The flats of these projects: one bedroom of 45 m², two of 65 m², 1000 a bedroom a month.
const ONE_BED: Flat = [1, 45, 1000];
const TWO_BED: Flat = [2, 65, 2000];
// YRMH-IGYT: one one-bedroom flat (let to a tenant by the first round) and one two-bedroom flat.
const YRM = oneBuildingProject('YRM', { '101': ONE_BED, '201': TWO_BED });
// Deferred acceptance: two one-bedroom flats; the project ranks 凤凰街道 residents first.
const DAP = oneBuildingProject('DAP', { '101': ONE_BED, '102': ONE_BED });
// Unit types in ranked lists.
const PREF = oneBuildingProject('PREF', { '101': ONE_BED, '201': TWO_BED, '301': TWO_BED });
// A tenant moving under serial dictatorship: its home goes back to stock when it accepts.
const MOV = oneBuildingProject('MOV', { '101': ONE_BED, '201': TWO_BED });

describe('rounds under each mechanism, on PostgreSQL', () => {
  let opened: OpenedTestDatabase<HousingDB>;
  let applications: ApplicationsUseCase;
  let rounds: RoundsUseCase;
  let offers: OffersUseCase;
  const simulations = new SimulateAllocationUseCase();

  const db = () => opened.database.db;
  const outboxTypes = async (subject: string) =>
    (await outboxEvents(db(), subject)).map((e) => e.type);
  const unitStatus = (id: string) => statusOf(db(), id);
  /** The proof bundle replayed through the simulation endpoint's use case. */
  const replay = (published: PublishedRound) => simulations.execute(officer, published.proof);

  beforeAll(async () => {
    opened = await openHousingDatabase();
    for (const p of [YRM, DAP, PREF, MOV]) await insertMissingHousingStock(db(), p.stock);
    ({ applications, rounds, offers } = housingUseCases(opened.database, {
      policy: {
        ...DEFAULT_HOUSING_POLICY,
        projectPriorities: [
          {
            projectCode: 'DAP',
            groups: [{ code: 'subdistrict-resident', subdistricts: ['凤凰街道'] }],
            exclusive: false,
          },
        ],
      },
    }));
  }, 60_000);

  afterAll(() => opened?.cleanup());

  it('ranks unit types, names each bad entry, and keeps project-only lists as they were', async () => {
    const talent = person('pref.one', ['talent']);
    const bad = await refusal(
      applications.create(talent, {
        talentTier: 'B',
        householdSize: 1,
        preferences: [
          { projectId: PREF.id, bedrooms: 2 },
          { projectId: PREF.id, bedrooms: 4 },
          { projectId: PREF.id, bedrooms: 1 },
        ],
      }),
    );
    expect(bad.errors.map((e) => `${e.path}:${e.code}`)).toEqual([
      'preferences.0:eligibility.household-size',
      'preferences.1:eligibility.unit-type',
    ]);
    const typed = await applications.create(person('pref.two', ['talent']), {
      talentTier: 'B',
      householdSize: 2,
      preferences: [{ projectId: PREF.id, bedrooms: 1 }, { projectId: PREF.id }],
    });
    expect(typed).toMatchObject({
      preferredProjectIds: [PREF.id],
      preferences: [{ projectId: PREF.id, bedrooms: 1 }, { projectId: PREF.id }],
    });
    const row = await db()
      .selectFrom('applications')
      .select('class_ids')
      .where('id', '=', typed.id)
      .executeTakeFirstOrThrow();
    // The listed type first, then the rest of the project, larger first.
    expect(row.class_ids).toEqual(['PREF:1BR:45', 'PREF:2BR:65']);
    const plain = await applications.create(person('pref.three', ['talent']), {
      talentTier: 'B',
      householdSize: 2,
      preferredProjectIds: [PREF.id],
    });
    expect(plain.preferences).toEqual([{ projectId: PREF.id }]);

    // A round builds its classes from the typed list: pref.two gets the one-bedroom flat.
    const round = await rounds.create(officer, { projectIds: [PREF.id], seed: 'pref-seed' });
    const mine = round.offers.find((o) => o.applicationId === typed.id)!;
    expect(mine).toMatchObject({ classId: 'PREF:1BR:45', unitCode: 'PREF-1-101' });
    const published = await rounds.get(round.id);
    expect(published.method).toBe('serial-dictatorship');
    expect(published.cutoffs).toBeUndefined();
    const replayed = replay(published);
    expect(replayed.digest).toBe(published.resultDigest);
  });

  it('YRMH-IGYT: a tenant brings its home, moves on its word, and the home goes on in the same run', async () => {
    const tenant = person('yr.tenant', ['talent']);
    // First the tenant is housed by an ordinary round, in the one-bedroom flat.
    const first = await applications.create(tenant, {
      talentTier: 'B',
      householdSize: 2,
      preferences: [{ projectId: YRM.id, bedrooms: 1 }],
      applicantName: '赵租户',
    });
    const initial = await rounds.create(officer, { projectIds: [YRM.id], seed: 'yr-0' });
    await offers.accept(tenant, initial.offers.find((o) => o.applicationId === first.id)!.id);
    const home = YRM.unitId('101');
    expect(await unitStatus(home)).toBe('allocated');

    // Claiming a unit one does not rent is refused, naming the field.
    const newcomers = ['yr.new1', 'yr.new2'].map((u) => person(u, ['talent']));
    const claim = await refusal(
      applications.create(newcomers[0], {
        talentTier: 'B',
        householdSize: 1,
        preferences: [{ projectId: YRM.id, bedrooms: 1 }],
        currentUnitId: home,
      }),
    );
    expect(claim.errors).toEqual([
      expect.objectContaining({ path: 'currentUnitId', code: 'tenancy.not-tenant' }),
    ]);

    const move = await applications.create(tenant, {
      talentTier: 'B',
      householdSize: 2,
      preferences: [{ projectId: YRM.id, bedrooms: 2 }],
      currentUnitId: home,
    });
    expect(move.currentUnitId).toBe(home);
    const waiting: Application[] = [];
    for (const n of newcomers) {
      waiting.push(
        await applications.create(n, {
          talentTier: 'A',
          householdSize: 1,
          preferences: [{ projectId: YRM.id, bedrooms: 1 }],
        }),
      );
    }

    const round: RoundCreated = await rounds.create(officer, {
      projectIds: [YRM.id],
      seed: 'yr-1',
      method: 'yrmh-igyt',
    });
    expect(round.method).toBe('yrmh-igyt');
    // The tenant moved to the two-bedroom flat at once; its home went to the first newcomer.
    const moved = round.offers.find((o) => o.applicationId === move.id)!;
    expect(moved).toMatchObject({ status: 'accepted', unitCode: 'YRM-1-201' });
    const homeOffer = round.offers.find((o) => o.unitId === home)!;
    expect(homeOffer.status).toBe('open');
    expect(await unitStatus(home)).toBe('offered');
    expect(await unitStatus(YRM.unitId('201'))).toBe('allocated');
    const tenancies = await db()
      .selectFrom('offers')
      .select(['unit_id', 'ended_at'])
      .where('applicant_id', '=', tenant.id)
      .where('status', '=', 'accepted')
      .orderBy('created_at')
      .execute();
    // The old tenancy ended, the new one runs.
    expect(tenancies.map((t) => [t.unit_id, t.ended_at !== null])).toEqual([
      [home, true],
      [YRM.unitId('201'), false],
    ]);
    expect((await applications.get(tenant, move.id)).history.map((h) => h.action)).toEqual([
      'submitted',
      'moved-out',
      'moved',
    ]);
    // Re-offered in the same run: the home never went back to stock.
    expect(await outboxTypes(home)).toEqual([]);

    const published = await rounds.get(round.id);
    expect(published.method).toBe('yrmh-igyt');
    expect(published.proof.applicants.find((a) => a.id === move.id)).toMatchObject({
      tenantOf: 'YRM:1BR:45',
    });
    expect(replay(published).digest).toBe(published.resultDigest);
    const why = await rounds.explain(tenant, move.id);
    expect(why).toMatchObject({
      method: 'yrmh-igyt',
      classId: 'YRM:2BR:65',
      trade: { kind: 'vacant' },
    });

    // The newcomer declines the home: the round re-runs as YRMH-IGYT and offers it on.
    const first_ = waiting.find((w) => w.id === homeOffer.applicationId)!;
    const second = waiting.find((w) => w.id !== homeOffer.applicationId)!;
    const decliner = newcomers[waiting.indexOf(first_)];
    await offers.decline(decliner, homeOffer.id);
    const after = await rounds.get(round.id);
    const entry = (id: string) => after.ranking.find((r) => r.publicId === id)!;
    expect(entry(second.id)).toMatchObject({ offerStatus: 'open', unitCode: 'YRM-1-101' });
    expect(entry(move.id)).toMatchObject({ offerStatus: 'accepted', unitCode: 'YRM-1-201' });
    expect(entry(first_.id).offerStatus).toBeNull();
    expect(await unitStatus(home)).toBe('offered');
    const explained = await rounds.explain(newcomers[waiting.indexOf(second)], second.id);
    expect(explained).toMatchObject({ method: 'yrmh-igyt', classId: 'YRM:1BR:45' });
  });

  it('a tenant who accepts a move under serial dictatorship returns its home to stock', async () => {
    const tenant = person('mov.tenant', ['talent']);
    const first = await applications.create(tenant, {
      talentTier: 'B',
      householdSize: 2,
      preferences: [{ projectId: MOV.id, bedrooms: 1 }],
    });
    const housed = await rounds.create(officer, { projectIds: [MOV.id], seed: 'mov-0' });
    await offers.accept(tenant, housed.offers.find((o) => o.applicationId === first.id)!.id);
    const home = MOV.unitId('101');
    const move = await applications.create(tenant, {
      talentTier: 'B',
      householdSize: 2,
      preferences: [{ projectId: MOV.id, bedrooms: 2 }],
      currentUnitId: home,
    });
    const round = await rounds.create(officer, { projectIds: [MOV.id], seed: 'mov-1' });
    const offer = round.offers.find((o) => o.applicationId === move.id)!;
    // A newcomer in an SD round: an ordinary offer, and the home stays let until it is accepted.
    expect(offer.status).toBe('open');
    expect(await unitStatus(home)).toBe('allocated');
    await offers.accept(tenant, offer.id);
    expect(await unitStatus(home)).toBe('available');
    expect(await outboxTypes(home)).toEqual(['housing.evt.unit.vacated.v1']);
    expect((await applications.get(tenant, move.id)).history.map((h) => h.action)).toEqual([
      'submitted',
      'offered',
      'offer-accepted',
      'moved-out',
    ]);
  });

  it('deferred acceptance: the project’s priority decides, cutoffs explain, a decline re-runs it', async () => {
    const [resident, x, y] = ['da.resident', 'da.x', 'da.y'].map((u) => person(u, ['talent']));
    const prefs = [{ projectId: DAP.id, bedrooms: 1 }];
    const r = await applications.create(resident, {
      talentTier: 'C',
      householdSize: 1,
      preferences: prefs,
      subdistrict: '凤凰街道',
    });
    const others = [
      await applications.create(x, { talentTier: 'A', householdSize: 1, preferences: prefs }),
      await applications.create(y, {
        talentTier: 'A',
        householdSize: 1,
        preferences: prefs,
        employerUnitId: SIAT,
      }),
    ];
    const round = await rounds.create(officer, {
      projectIds: [DAP.id],
      seed: 'da-1',
      method: 'deferred-acceptance',
    });
    // The global key ranks the resident (tier C) last, the project's priority first.
    const served = round.offers.map((o) => o.applicationId);
    expect(served).toContain(r.id);
    expect(served).toHaveLength(2);
    const published = await rounds.get(round.id);
    expect(published.ranking.find((e) => e.publicId === r.id)!.rank).toBe(3);
    expect(published.proof.units).toEqual([
      { id: 'DAP:1BR:45', capacity: 2, priority: [r.id, others[1].id, others[0].id] },
    ]);
    expect(published.cutoffs).toEqual([
      { classId: 'DAP:1BR:45', dwellings: 2, admitted: 2, cutoff: 2 },
    ]);
    expect(replay(published).digest).toBe(published.resultDigest);

    // y has more points (member-unit employer), so x is the one left out, #3 where #2 was last.
    const left = await rounds.explain(x, others[0].id);
    expect(left).toMatchObject({
      method: 'deferred-acceptance',
      classId: null,
      choices: [{ classId: 'DAP:1BR:45', outcome: 'ran-out', priorityPosition: 3, cutoff: 2 }],
    });
    expect(left.summary).toContain('the last admitted priority position was #2');

    // y declines: the same mechanism re-runs on what is left and x gets the flat.
    const yOffer = round.offers.find((o) => o.applicationId === others[1].id)!;
    await offers.decline(y, yOffer.id);
    const after = await rounds.get(round.id);
    expect(after.ranking.find((e) => e.publicId === others[0].id)).toMatchObject({
      offerStatus: 'open',
      unitCode: yOffer.unitCode,
    });
    expect(after.cutoffs).toEqual([
      { classId: 'DAP:1BR:45', dwellings: 2, admitted: 2, cutoff: 3 },
    ]);
    expect(await rounds.explain(x, others[0].id)).toMatchObject({
      classId: 'DAP:1BR:45',
      choices: [{ outcome: 'received', priorityPosition: 3 }],
    });
  });
});
