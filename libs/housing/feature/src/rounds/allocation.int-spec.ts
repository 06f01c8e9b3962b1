import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { stableId } from '@gm/shared-contracts';
import type { OpenedTestDatabase } from '@gm/shared-testing';
import { insertMissingHousingStock, type HousingDB } from '@gm/housing-data-access';
import { allocate, shanghaiDay } from '@gm/housing-domain';
import type { Application } from '@gm/housing-contracts';
import type { ApplicationsUseCase } from '../applications/applications.use-case.js';
import {
  housingUseCases,
  oneBuildingProject,
  openHousingDatabase,
  outboxEvents,
  person,
  refusal,
  unitStatus as statusOf,
} from '../housing.test-support.js';
import type { OffersUseCase } from '../offers/offers.use-case.js';
import { SeedDemoHousingUseCase } from '../use-cases/seed-demo-housing.use-case.js';
import type { ListProjectUnitsUseCase } from '../units/list-project-units.use-case.js';
import type { RoundsUseCase } from './rounds.use-case.js';

jest.setTimeout(60_000);

const talents = ['t.wang', 't.li', 't.chen'].map((u) => person(u, ['talent']));
const officer = person('housing1', ['housing-officer']);
const CZ = stableId('housing-project', 'CZ');
const GMC = stableId('housing-project', 'GMC');
const YT = stableId('housing-project', 'YT');
// A small project with two interchangeable one-bedroom flats: scarce on purpose.
const TINY_PROJECT = oneBuildingProject(
  'TINY',
  { '101': [1, 45, 1350], '102': [1, 45, 1350] },
  { name: '小项目', nameEn: 'Tiny' },
);
const TINY = TINY_PROJECT.id;
const HOUR = 3_600_000;

describe('housing applications, rounds and offers on PostgreSQL', () => {
  let opened: OpenedTestDatabase<HousingDB>;
  let applications: ApplicationsUseCase;
  let rounds: RoundsUseCase;
  let offers: OffersUseCase;
  let units: ListProjectUnitsUseCase;

  const outbox = (subject: string) => outboxEvents(opened.database.db, subject);
  const unitStatus = (id: string) => statusOf(opened.database.db, id);

  beforeAll(async () => {
    opened = await openHousingDatabase();
    await new SeedDemoHousingUseCase(opened.database).execute();
    await insertMissingHousingStock(opened.database.db, TINY_PROJECT.stock);
    ({
      applications,
      rounds,
      offers,
      unitList: units,
    } = housingUseCases(opened.database, { offerHours: 48 }));
  }, 60_000);

  afterAll(() => opened?.cleanup());

  it("pages a project's units in building and number order, filtered by status", async () => {
    const page = await units.execute({ projectId: CZ, page: 1, pageSize: 5 });
    expect(page.total).toBe(144);
    expect(page.items[0]).toMatchObject({ building: '1', number: '101', status: 'unavailable' });
    expect(page.items.map((u) => u.number)).toEqual(['101', '102', '103', '104', '201']);
    const let_ = await units.execute({
      projectId: CZ,
      page: 1,
      pageSize: 100,
      status: 'allocated',
    });
    expect(let_.items.every((u) => u.status === 'allocated')).toBe(true);
    expect(
      (await refusal(units.execute({ projectId: TINY.replace(/.$/, '0'), page: 1, pageSize: 5 })))
        .code,
    ).toBe('not-found');
  });

  it('refuses an ineligible application naming the failed rule, and scores an eligible one', async () => {
    const tooBig = await refusal(
      applications.create(talents[0], {
        talentTier: 'C',
        householdSize: 5,
        preferredProjectIds: [YT],
      }),
    );
    expect(tooBig.errors).toEqual([
      expect.objectContaining({
        path: 'preferredProjectIds.0',
        code: 'eligibility.area-standard',
        limit: 65,
      }),
    ]);
    const noFit = await refusal(
      applications.create(talents[0], {
        talentTier: 'A',
        householdSize: 5,
        preferredProjectIds: [GMC],
      }),
    );
    expect(noFit.errors[0]).toMatchObject({ code: 'eligibility.household-size' });
    const tier = await refusal(
      applications.create(talents[0], {
        talentTier: 'Z',
        householdSize: 1,
        preferredProjectIds: [GMC],
      }),
    );
    expect(tier.errors[0]).toMatchObject({ path: 'talentTier', code: 'eligibility.tier' });
    expect(
      (
        await refusal(
          applications.create(officer, {
            talentTier: 'A',
            householdSize: 1,
            preferredProjectIds: [GMC],
          }),
        )
      ).code,
    ).toBe('forbidden');
  });

  it('runs a round, re-offers a declined flat to the next applicant, lets an accepted one, expires a lapsed one', async () => {
    const created: Application[] = [];
    for (const [i, talent] of talents.entries()) {
      created.push(
        await applications.create(talent, {
          talentTier: 'B',
          householdSize: 1 + (i === 0 ? 1 : 0),
          preferredProjectIds: [TINY],
          applicantName: ['王小明', '李雷', 'Chen Mei'][i],
          idNumber: '440300199001011234',
          phone: '13800000000',
          ...(i === 2 ? { employerUnitId: stableId('unit', 'SIAT') } : {}),
        }),
      );
    }
    expect(created.map((a) => [a.status, a.points])).toEqual([
      ['active', 210],
      ['active', 200],
      ['active', 250],
    ]);
    expect(
      (
        await refusal(
          applications.create(talents[0], {
            talentTier: 'B',
            householdSize: 1,
            preferredProjectIds: [GMC],
          }),
        )
      ).code,
    ).toBe('conflict');
    const submitted = await outbox(created[0].id);
    expect(submitted.map((e) => e.type)).toEqual(['housing.evt.application.submitted.v1']);
    // Personal data never travels in events.
    expect(JSON.stringify(submitted[0].payload)).not.toMatch(/4403001990|13800000000|王小明/);

    expect((await refusal(rounds.create(talents[0], { projectIds: [TINY], seed: 's' }))).code).toBe(
      'forbidden',
    );
    const round = await rounds.create(officer, { projectIds: [TINY], seed: 'notary-2026-05' });
    expect(round).toMatchObject({ seed: 'notary-2026-05', method: 'serial-dictatorship' });
    expect(round.offers).toHaveLength(2);
    // Tier B for all: more points first, so Chen (250) and Wang (210) are served, Li waits.
    expect(round.offers.map((o) => o.applicationId).sort()).toEqual(
      [created[0].id, created[2].id].sort(),
    );
    expect(round.offers.map((o) => o.unitCode).sort()).toEqual(['TINY-1-101', 'TINY-1-102']);
    const expiresIn = Date.parse(round.offers[0].expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(47 * HOUR);
    expect(expiresIn).toBeLessThanOrEqual(48 * HOUR);

    const published = await rounds.get(round.id);
    expect(published.ranking.map((r) => r.maskedName)).toEqual(['C***', '王**', '李*']);
    expect(JSON.stringify(published)).not.toMatch(/4403001990|13800000000|王小明|李雷|Chen Mei/);
    expect(published.ranking[2]).toMatchObject({ rank: 3, unitCode: null, offerStatus: null });
    expect(published.lastRankServed).toEqual([
      { classId: 'TINY:1BR:45', dwellings: 2, lastRank: 2 },
    ]);
    expect(published.seedCommitment).not.toBe(published.seed);
    // The proof bundle replays to the published digest through the simulation engine.
    expect(allocate(published.proof.method, published.proof).digest).toBe(published.resultDigest);

    const li = await rounds.explain(talents[1], created[1].id);
    expect(li).toMatchObject({
      rank: 3,
      classId: null,
      counterfactual: { classId: 'TINY:1BR:45', atRankAtMost: 2 },
    });
    expect(li.summary).toContain('#3');
    expect((await refusal(rounds.explain(talents[0], created[1].id))).code).toBe('forbidden');

    const wangOffer = round.offers.find((o) => o.applicationId === created[0].id)!;
    const chenOffer = round.offers.find((o) => o.applicationId === created[2].id)!;
    expect((await refusal(offers.accept(talents[1], wangOffer.id))).code).toBe('forbidden');
    expect(await unitStatus(wangOffer.unitId)).toBe('offered');

    const declined = await offers.decline(talents[0], wangOffer.id);
    expect(declined.status).toBe('declined');
    expect((await refusal(offers.accept(talents[0], wangOffer.id))).code).toBe('conflict');
    // The declined flat goes to the next applicant, Li.
    const after = await rounds.get(round.id);
    expect(after.ranking.map((r) => [r.maskedName, r.offerStatus, r.unitCode])).toEqual([
      ['C***', 'open', chenOffer.unitCode],
      ['王**', null, null],
      ['李*', 'open', wangOffer.unitCode],
    ]);
    expect((await applications.get(talents[0], created[0].id)).status).toBe('active');
    expect((await outbox(created[0].id)).map((e) => e.type)).toContain(
      'housing.evt.offer.declined.v1',
    );
    const liEvents = await outbox(created[1].id);
    expect(liEvents.map((e) => e.type)).toContain('housing.evt.offer.made.v1');

    const accepted = await offers.accept(talents[2], chenOffer.id);
    expect(accepted.status).toBe('accepted');
    expect(await unitStatus(chenOffer.unitId)).toBe('allocated');
    const chen = await applications.get(talents[2], created[2].id);
    expect(chen.status).toBe('housed');
    expect(chen.history.map((h) => h.action)).toEqual(['submitted', 'offered', 'offer-accepted']);
    const acceptedEvent = (await outbox(created[2].id)).find(
      (e) => e.type === 'housing.evt.offer.accepted.v1',
    )!;
    expect(acceptedEvent.payload.data).toMatchObject({
      applicationId: created[2].id,
      applicantId: talents[2].id,
      ticketId: null,
      unitCode: chenOffer.unitCode,
      projectName: '小项目',
    });

    // Li lets the offer lapse: the sweeper expires it at the deadline, a strike is recorded.
    const liOffer = (await rounds.get(round.id)).ranking[2];
    expect(liOffer.offerStatus).toBe('open');
    expect(await offers.expireLapsed(new Date(Date.now() + HOUR))).toBe(0);
    expect(await offers.expireLapsed(new Date(Date.now() + 49 * HOUR))).toBe(1);
    const expired = await rounds.get(round.id);
    expect(expired.ranking.map((r) => r.offerStatus)).toEqual(['accepted', null, null]);
    expect(await unitStatus(wangOffer.unitId)).toBe('available');
    expect((await outbox(created[1].id)).map((e) => e.type)).toContain(
      'housing.evt.offer.expired.v1',
    );

    // Lists: a talent sees its own, an officer everyone's.
    expect(
      (await applications.list(talents[0], { page: 1, pageSize: 20 })).items.map((a) => a.id),
    ).toEqual([created[0].id]);
    expect(
      (await applications.list(officer, { page: 1, pageSize: 20, status: 'housed' })).total,
    ).toBe(1);
    const withdrawn = await applications.withdraw(talents[0], created[0].id);
    expect(withdrawn.status).toBe('withdrawn');
  });

  it('a second strike within the window resets the base date', async () => {
    const talent = person('t.zhou', ['talent']);
    const app = await applications.create(talent, {
      talentTier: 'A',
      householdSize: 1,
      preferredProjectIds: [GMC],
    });
    await opened.database.db
      .updateTable('applications')
      .set({ base_date: '2020-01-01' })
      .where('id', '=', app.id)
      .execute();
    for (const seed of ['strike-1', 'strike-2']) {
      const round = await rounds.create(officer, { projectIds: [GMC], seed });
      const offer = round.offers.find((o) => o.applicationId === app.id)!;
      await offers.decline(talent, offer.id);
      const { baseDate } = await applications.get(talent, app.id);
      // The first strike keeps the base date; the second (the policy's limit) resets it to today.
      if (seed === 'strike-1') expect(baseDate).toBe('2020-01-01');
      else expect(baseDate).toBe(shanghaiDay(new Date()));
    }
  });
});
