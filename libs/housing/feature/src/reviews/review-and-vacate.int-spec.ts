import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Identity } from '@gm/shared-contracts';
import type { OpenedTestDatabase } from '@gm/shared-testing';
import { insertMissingHousingStock, type HousingDB } from '@gm/housing-data-access';
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
import type { RoundsUseCase } from '../rounds/rounds.use-case.js';
import type { VacateUnitUseCase } from '../units/vacate-unit.use-case.js';
import type { ReviewRequestsUseCase } from './review-requests.use-case.js';

jest.setTimeout(60_000);

const talents = ['r.wang', 'r.li', 'r.chen'].map((u) => person(u, ['talent']));
const officer = person('housing1', ['housing-officer']);
// Two interchangeable one-bedroom flats.
const PROJECT = oneBuildingProject('TRV', { '101': [1, 45, 1350], '102': [1, 45, 1350] });
const TINY = PROJECT.id;
const BUILDING = PROJECT.building;
const UNITS = ['101', '102'].map(PROJECT.unitId);

describe('housing review requests and vacated units on PostgreSQL', () => {
  let opened: OpenedTestDatabase<HousingDB>;
  let applications: ApplicationsUseCase;
  let rounds: RoundsUseCase;
  let offers: OffersUseCase;
  let reviews: ReviewRequestsUseCase;
  let vacancies: VacateUnitUseCase;
  let housed: Application[];

  const outbox = (subject: string) => outboxEvents(opened.database.db, subject);
  const unitStatus = (id: string) => statusOf(opened.database.db, id);
  const apply = (talent: Identity) =>
    applications.create(talent, {
      talentTier: 'B',
      householdSize: 1,
      preferredProjectIds: [TINY],
      applicantName: '王小明',
      idNumber: '440300199001011234',
    });

  beforeAll(async () => {
    opened = await openHousingDatabase();
    await insertMissingHousingStock(opened.database.db, PROJECT.stock);
    ({ applications, rounds, offers, reviews, vacancies } = housingUseCases(opened.database, {
      offerHours: 48,
    }));

    // Two talents are housed in the project's two units.
    housed = [await apply(talents[0]), await apply(talents[1])];
    const round = await rounds.create(officer, { projectIds: [TINY], seed: 'review-1' });
    expect(round.offers).toHaveLength(2);
    for (const offer of round.offers) {
      const talent = talents.find((t) => t.id === offer.applicantId)!;
      await offers.accept(talent, offer.id);
    }
  }, 60_000);

  afterAll(() => opened?.cleanup());

  it('lets the applicant ask for a review and a housing officer decide it, audited', async () => {
    const [mine] = housed;
    expect(
      (await refusal(reviews.request(talents[1], { applicationId: mine.id, reason: 'x' }))).code,
    ).toBe('forbidden');
    expect(
      (await refusal(reviews.request(officer, { applicationId: mine.id, reason: 'x' }))).code,
    ).toBe('forbidden');
    const request = await reviews.request(talents[0], {
      applicationId: mine.id,
      reason: 'my points ignore my 2019 residence permit',
    });
    expect(request).toMatchObject({ applicationId: mine.id, status: 'open', decidedAt: null });
    const again = await refusal(
      reviews.request(talents[0], { applicationId: mine.id, reason: 'y' }),
    );
    expect([again.code, again.type]).toEqual(['conflict', 'review-request-open']);

    expect((await reviews.list(officer, mine.id)).items.map((r) => r.id)).toEqual([request.id]);
    expect((await reviews.list(talents[0], mine.id)).items).toHaveLength(1);
    expect((await refusal(reviews.list(talents[1], mine.id))).code).toBe('forbidden');

    const decision = { id: request.id, decision: 'upheld' as const, note: 'permit counted' };
    expect((await refusal(reviews.decide(talents[0], decision))).code).toBe('forbidden');
    const decided = await reviews.decide(officer, decision);
    expect(decided).toMatchObject({ status: 'upheld', decisionNote: 'permit counted' });
    expect(decided.decidedBy).toBe(officer.id);
    const twice = await refusal(reviews.decide(officer, { ...decision, decision: 'changed' }));
    expect([twice.code, twice.type]).toEqual(['conflict', 'review-request-state']);
    expect((await refusal(reviews.decide(officer, { ...decision, id: UNITS[0] }))).code).toBe(
      'not-found',
    );

    const history = (await applications.get(talents[0], mine.id)).history;
    expect(history.slice(-2)).toEqual([
      expect.objectContaining({ action: 'review-requested', actorId: talents[0].id }),
      expect.objectContaining({
        action: 'review-upheld',
        actorId: officer.id,
        note: 'permit counted',
      }),
    ]);
    const events = (await outbox(mine.id)).filter((e) => e.type.startsWith('housing.evt.review'));
    expect(events.map((e) => e.type)).toEqual([
      'housing.evt.review.requested.v1',
      'housing.evt.review.decided.v1',
    ]);
    expect(events[1].payload.data).toMatchObject({ status: 'upheld', applicantId: talents[0].id });
    expect(JSON.stringify(events)).not.toMatch(/residence permit|4403001990|王小明/);

    // Once decided, the applicant may ask again.
    const next = await reviews.request(talents[0], { applicationId: mine.id, reason: 'new facts' });
    expect((await reviews.list(officer, mine.id)).items.map((r) => r.id)).toEqual([
      request.id,
      next.id,
    ]);
  });

  it('returns a vacated unit to available stock, and a later round lets it again', async () => {
    expect(await unitStatus(UNITS[0])).toBe('allocated');
    expect((await refusal(vacancies.execute(talents[0], UNITS[0]))).code).toBe('forbidden');
    expect((await refusal(vacancies.execute(officer, BUILDING))).code).toBe('not-found');

    const unit = await vacancies.execute(officer, UNITS[0]);
    expect(unit).toMatchObject({ id: UNITS[0], projectId: TINY, status: 'available' });
    expect(await unitStatus(UNITS[0])).toBe('available');
    expect(await unitStatus(UNITS[1])).toBe('allocated');
    const again = await refusal(vacancies.execute(officer, UNITS[0]));
    expect([again.code, again.type]).toEqual(['conflict', 'unit-state']);

    const [vacated] = await outbox(UNITS[0]);
    expect(vacated.type).toBe('housing.evt.unit.vacated.v1');
    expect(Object.keys(vacated.payload.data).sort()).toEqual(['at', 'projectId', 'unitId']);
    expect(vacated.payload.data).toMatchObject({ unitId: UNITS[0], projectId: TINY });

    const tenants = await Promise.all(housed.map((a) => applications.get(officer, a.id)));
    expect(tenants.filter((t) => t.history.some((h) => h.action === 'unit-vacated'))).toHaveLength(
      1,
    );

    // The next applicant is offered the vacated unit, and can take it.
    const newcomer = await apply(talents[2]);
    const round = await rounds.create(officer, { projectIds: [TINY], seed: 'review-2' });
    expect(round.offers.map((o) => [o.applicationId, o.unitId])).toEqual([[newcomer.id, UNITS[0]]]);
    await offers.accept(talents[2], round.offers[0].id);
    expect(await unitStatus(UNITS[0])).toBe('allocated');
  });
});
