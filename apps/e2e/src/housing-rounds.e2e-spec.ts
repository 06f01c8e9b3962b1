import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type {
  Application,
  ApplicationDetail,
  ApplicationExplanation,
  HousingProject,
  HousingUnit,
  Offer,
  PublishedRound,
  ReviewRequest,
  ReviewRequestList,
  RoundCreated,
} from '@gm/housing-contracts';
import type { Page } from '@gm/shared-contracts';
import type { ProblemDetails } from '@gm/shared-errors';
import { request, signInAll } from './support/http.js';
import { startPlatform, type Platform } from './support/platform.js';

// Starting the platform's processes takes seconds; a busy CI machine may take many.
jest.setTimeout(180_000);

let platform: Platform;
let tokens: Record<string, string>;
let gmc: HousingProject;
/** talent2's offer from the second round of the first test: accepted later, it makes a tenant. */
let reoffered: Offer | undefined;

const call = <T>(path: string, token?: string, json?: unknown) =>
  request<T>(platform.baseUrl, path, { token, json });
const apply = (user: string, json: unknown) =>
  call<Application>('/api/housing/applications', tokens[user], json);

beforeAll(async () => {
  platform = await startPlatform({ services: ['housing', 'gateway'] });
  tokens = await signInAll(platform.baseUrl, ['housing1', 'talent1', 'talent2', 'talent3']);
  const projects = await call<Page<HousingProject>>('/api/housing/projects');
  gmc = projects.body.items.find((p) => p.code === 'GMC')!;
});

afterAll(async () => {
  await platform?.stop();
});

describe('talent housing: applications, a round, offers', () => {
  it("lists a project's units to anyone, paged", async () => {
    const page = await call<Page<HousingUnit>>(
      `/api/housing/projects/${gmc.id}/units?pageSize=5&status=available`,
    );
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(36);
    expect(page.body.items).toHaveLength(5);
    expect(Object.keys(page.body.items[0]).sort()).toEqual(
      [
        'areaSqm',
        'bedrooms',
        'building',
        'id',
        'monthlyRent',
        'number',
        'projectId',
        'status',
      ].sort(),
    );
  });

  it('runs applications → round → accept and decline → re-offer, with permissions', async () => {
    const body = { talentTier: 'B', householdSize: 1, preferredProjectIds: [gmc.id] };
    expect((await call('/api/housing/applications', undefined, body)).status).toBe(401);
    expect((await apply('housing1', body)).status).toBe(403);
    const ineligible = await call<ProblemDetails>('/api/housing/applications', tokens.talent3, {
      ...body,
      talentTier: 'C',
      householdSize: 5,
    });
    expect(ineligible.status).toBe(400);
    expect(ineligible.body.errors).toEqual([
      expect.objectContaining({ code: 'eligibility.household-size' }),
    ]);

    const one = await apply('talent1', {
      ...body,
      talentTier: 'A',
      applicantName: '张一鸣',
      phone: '13800000001',
    });
    const two = await apply('talent2', { ...body, applicantName: '刘佳' });
    expect(one.status).toBe(201);
    expect(one.body).toMatchObject({ status: 'active', points: 300 });
    expect(two.body).toMatchObject({ status: 'active', points: 200 });
    expect((await apply('talent1', body)).status).toBe(409);

    const mine = await call<Page<Application>>('/api/housing/applications', tokens.talent1);
    expect(mine.body.items.map((a) => a.id)).toEqual([one.body.id]);
    const all = await call<Page<Application>>(
      '/api/housing/applications?status=active',
      tokens.housing1,
    );
    expect(all.body.total).toBe(2);
    expect((await call(`/api/housing/applications/${one.body.id}`, tokens.talent2)).status).toBe(
      403,
    );

    const roundBody = { projectIds: [gmc.id], seed: 'e2e-notary-draw' };
    expect((await call('/api/housing/rounds', tokens.talent1, roundBody)).status).toBe(403);
    const round = await call<RoundCreated>('/api/housing/rounds', tokens.housing1, roundBody);
    expect(round.status).toBe(201);
    expect(round.body).toMatchObject({ seed: 'e2e-notary-draw', method: 'serial-dictatorship' });
    expect(round.body.offers).toHaveLength(2);
    const offerOf = (application: Application) =>
      round.body.offers.find((o) => o.applicationId === application.id)!;

    const published = await call<PublishedRound>(`/api/housing/rounds/${round.body.id}`);
    expect(published.status).toBe(200);
    expect(published.body.ranking.map((r) => r.maskedName)).toEqual(['张**', '刘*']);
    expect(JSON.stringify(published.body)).not.toMatch(/张一鸣|刘佳|13800000001/);
    // Anyone can replay the proof bundle through the simulation endpoint.
    const replay = await call<{ digest: string }>(
      '/api/housing/simulations',
      tokens.housing1,
      published.body.proof,
    );
    expect(replay.body.digest).toBe(published.body.resultDigest);

    expect(
      (await call(`/api/housing/offers/${offerOf(one.body).id}/accept`, tokens.talent2, {})).status,
    ).toBe(403);
    const accepted = await call<Offer>(
      `/api/housing/offers/${offerOf(one.body).id}/accept`,
      tokens.talent1,
      {},
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    expect(
      (await call(`/api/housing/offers/${offerOf(one.body).id}/decline`, tokens.talent1, {}))
        .status,
    ).toBe(409);

    const declined = await call<Offer>(
      `/api/housing/offers/${offerOf(two.body).id}/decline`,
      tokens.talent2,
      {},
    );
    expect(declined.body.status).toBe('declined');
    const back = await call<ApplicationDetail>(
      `/api/housing/applications/${two.body.id}`,
      tokens.talent2,
    );
    expect(back.body.status).toBe('active');
    expect(back.body.history.map((h) => h.action)).toEqual([
      'submitted',
      'offered',
      'offer-declined',
    ]);

    const explanation = await call<ApplicationExplanation>(
      `/api/housing/applications/${one.body.id}/explanation`,
      tokens.talent1,
    );
    expect(explanation.body).toMatchObject({ rank: 1, choice: 1 });

    // The next round offers the declined applicant again.
    const next = await call<RoundCreated>('/api/housing/rounds', tokens.housing1, {
      projectIds: [gmc.id],
    });
    expect(next.status).toBe(201);
    expect(next.body.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(next.body.offers.map((o) => o.applicationId)).toEqual([two.body.id]);
    reoffered = next.body.offers[0];
  });
});

describe('talent housing: review requests and vacated units', () => {
  it('audits a review of the automated decision (PIPL art. 24) over HTTP', async () => {
    const application = await apply('talent3', {
      talentTier: 'B',
      householdSize: 1,
      preferredProjectIds: [gmc.id],
    });
    expect(application.status).toBe(201);
    const path = `/api/housing/applications/${application.body.id}/review-requests`;
    expect((await call<ProblemDetails>(path, tokens.talent3, { reason: ' ' })).status).toBe(400);
    expect((await call(path, tokens.housing1, { reason: 'not mine' })).status).toBe(403);
    const asked = await call<ReviewRequest>(path, tokens.talent3, { reason: 'points too low' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'open', reason: 'points too low' });
    expect((await call(path, tokens.talent3, { reason: 'again' })).status).toBe(409);

    const listed = await call<ReviewRequestList>(path, tokens.housing1);
    expect(listed.body.items.map((r) => r.id)).toEqual([asked.body.id]);
    expect((await call(path, tokens.talent2)).status).toBe(403);

    const decision = `/api/housing/review-requests/${asked.body.id}/decision`;
    const verdict = { decision: 'changed', note: 'residence years recounted' };
    expect((await call(decision, tokens.talent3, verdict)).status).toBe(403);
    expect((await call(decision, tokens.housing1, { decision: 'maybe', note: 'x' })).status).toBe(
      400,
    );
    const decided = await call<ReviewRequest>(decision, tokens.housing1, verdict);
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'changed', decisionNote: verdict.note });
    expect((await call(decision, tokens.housing1, verdict)).status).toBe(409);
    const detail = await call<ApplicationDetail>(
      `/api/housing/applications/${application.body.id}`,
      tokens.talent3,
    );
    expect(detail.body.history.map((h) => h.action)).toEqual([
      'submitted',
      'review-requested',
      'review-changed',
    ]);
  });

  it('returns a vacated unit to available stock (housing officer)', async () => {
    const units = (status: string) =>
      call<Page<HousingUnit>>(`/api/housing/projects/${gmc.id}/units?status=${status}`);
    const [let_] = (await units('allocated')).body.items;
    expect(let_).toBeDefined();
    const available = (await units('available')).body.total;
    const vacate = `/api/housing/units/${let_.id}/vacate`;
    expect((await call(vacate, tokens.talent1, {})).status).toBe(403);
    const vacated = await call<HousingUnit>(vacate, tokens.housing1, {});
    expect(vacated.status).toBe(200);
    expect(vacated.body).toMatchObject({ id: let_.id, status: 'available' });
    expect((await units('available')).body.total).toBe(available + 1);
    expect((await call<ProblemDetails>(vacate, tokens.housing1, {})).status).toBe(409);
  });
});

describe('talent housing: each round runs its own mechanism', () => {
  it('runs YRMH-IGYT with a tenant and deferred acceptance, each replaying through simulations', async () => {
    const invalid = await call<ProblemDetails>('/api/housing/rounds', tokens.housing1, {
      projectIds: [gmc.id],
      method: 'random-choice',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toEqual([expect.objectContaining({ path: 'method' })]);

    // talent2 accepts its flat and, now a tenant, applies to move to a two-bedroom one.
    expect(reoffered).toBeDefined();
    const home = await call<Offer>(
      `/api/housing/offers/${reoffered!.id}/accept`,
      tokens.talent2,
      {},
    );
    expect(home.status).toBe(200);
    const badType = await apply('talent2', {
      talentTier: 'B',
      householdSize: 2,
      preferences: [{ projectId: gmc.id, bedrooms: 3 }],
      currentUnitId: home.body.unitId,
    });
    expect(badType.status).toBe(400);
    expect((badType.body as unknown as ProblemDetails).errors).toEqual([
      expect.objectContaining({ path: 'preferences.0', code: 'eligibility.unit-type' }),
    ]);
    const move = await apply('talent2', {
      talentTier: 'B',
      householdSize: 2,
      preferences: [{ projectId: gmc.id, bedrooms: 2 }],
      currentUnitId: home.body.unitId,
    });
    expect(move.status).toBe(201);
    expect(move.body).toMatchObject({
      currentUnitId: home.body.unitId,
      preferences: [{ projectId: gmc.id, bedrooms: 2 }],
    });

    const yrmh = await call<RoundCreated>('/api/housing/rounds', tokens.housing1, {
      projectIds: [gmc.id],
      seed: 'e2e-yrmh',
      method: 'yrmh-igyt',
    });
    expect(yrmh.status).toBe(201);
    expect(yrmh.body.method).toBe('yrmh-igyt');
    // A tenant moves on its word: the move is accepted as the round allocates it.
    expect(yrmh.body.offers.find((o) => o.applicationId === move.body.id)).toMatchObject({
      status: 'accepted',
      classId: 'GMC:2BR:65',
    });
    const published = await call<PublishedRound>(`/api/housing/rounds/${yrmh.body.id}`);
    expect(published.body.method).toBe('yrmh-igyt');
    expect(published.body.proof.applicants.find((a) => a.id === move.body.id)).toMatchObject({
      tenantOf: 'GMC:1BR:45',
    });
    const replay = await call<{ digest: string }>(
      '/api/housing/simulations',
      tokens.housing1,
      published.body.proof,
    );
    expect(replay.body.digest).toBe(published.body.resultDigest);
    const moved = await call<ApplicationExplanation>(
      `/api/housing/applications/${move.body.id}/explanation`,
      tokens.talent2,
    );
    expect(moved.body).toMatchObject({ method: 'yrmh-igyt', classId: 'GMC:2BR:65' });

    // talent3 (waiting since the review test) declines what YRMH-IGYT gave it; a
    // deferred-acceptance round then publishes its cutoffs.
    const mine = await call<Page<Application>>('/api/housing/applications', tokens.talent3);
    const waiting = mine.body.items[0];
    const offer = yrmh.body.offers.find((o) => o.applicationId === waiting.id);
    if (offer) {
      const declined = await call<Offer>(
        `/api/housing/offers/${offer.id}/decline`,
        tokens.talent3,
        {},
      );
      expect(declined.body.status).toBe('declined');
    }
    const da = await call<RoundCreated>('/api/housing/rounds', tokens.housing1, {
      projectIds: [gmc.id],
      seed: 'e2e-da',
      method: 'deferred-acceptance',
    });
    expect(da.status).toBe(201);
    expect(da.body.method).toBe('deferred-acceptance');
    expect(da.body.offers.map((o) => o.applicationId)).toEqual([waiting.id]);
    const daPublished = await call<PublishedRound>(`/api/housing/rounds/${da.body.id}`);
    expect(daPublished.body.cutoffs).toContainEqual({
      classId: da.body.offers[0].classId,
      dwellings: expect.any(Number),
      admitted: 1,
      cutoff: 1,
    });
    const daReplay = await call<{ digest: string }>(
      '/api/housing/simulations',
      tokens.housing1,
      daPublished.body.proof,
    );
    expect(daReplay.body.digest).toBe(daPublished.body.resultDigest);
    const why = await call<ApplicationExplanation>(
      `/api/housing/applications/${waiting.id}/explanation`,
      tokens.talent3,
    );
    expect(why.body).toMatchObject({
      method: 'deferred-acceptance',
      choices: expect.arrayContaining([
        expect.objectContaining({ outcome: 'received', priorityPosition: 1 }),
      ]),
    });
  });
});
