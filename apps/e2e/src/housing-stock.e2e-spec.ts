import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type {
  AddedUnits,
  HousingProject,
  HousingUnit,
  ManagedHousingProject,
  ManagedUnit,
  ManagedUnitDetail,
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

const call = <T>(path: string, token?: string, json?: unknown, method?: string) =>
  request<T>(platform.baseUrl, path, { token, json, ...(method ? { method } : {}) });
const patch = <T>(path: string, token: string | undefined, json: unknown) =>
  call<T>(path, token, json, 'PATCH');

const ONE_BED = { bedrooms: 1, areaSqm: 45, monthlyRent: 1350 };
const TWO_BED = { bedrooms: 2, areaSqm: 65, monthlyRent: 1950 };

beforeAll(async () => {
  platform = await startPlatform({ services: ['housing', 'gateway'] });
  tokens = await signInAll(platform.baseUrl, ['housing1', 'admin', 'talent1']);
});

afterAll(async () => {
  await platform?.stop();
});

describe('the housing office manages the stock through the gateway', () => {
  let project: ManagedHousingProject;
  let units: ManagedUnit[];

  it('lets a housing officer create a project, and nobody else', async () => {
    const body = { code: 'LS', name: '楼村人才公寓', nameEn: 'Loucun Talent Apartments' };
    expect((await call('/api/housing/projects', undefined, body)).status).toBe(401);
    expect((await call('/api/housing/projects', tokens.talent1, body)).status).toBe(403);
    const created = await call<ManagedHousingProject>(
      '/api/housing/projects',
      tokens.housing1,
      body,
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'LS', address: '', buildings: 0, retiredAt: null });
    project = created.body;
    const again = await call<ProblemDetails>('/api/housing/projects', tokens.admin, body);
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([expect.objectContaining({ path: 'code' })]);
    const lower = await call<ProblemDetails>('/api/housing/projects', tokens.housing1, {
      ...body,
      code: 'ls-2',
    });
    expect(lower.status).toBe(400);
    expect(lower.body.errors?.map((e) => e.path)).toEqual(['code']);

    const edited = await patch<ManagedHousingProject>(
      `/api/housing/projects/${project.id}`,
      tokens.housing1,
      { address: '光明区新湖街道楼村（示例数据）' },
    );
    expect(edited.status).toBe(200);
    expect(edited.body.address).toBe('光明区新湖街道楼村（示例数据）');
    const recode = await patch<ProblemDetails>(
      `/api/housing/projects/${project.id}`,
      tokens.housing1,
      { code: 'LC' },
    );
    expect(recode.status).toBe(400);
    expect(recode.body.detail).toMatch(/invalid body/);
    expect(JSON.stringify(recode.body.errors)).toMatch(/code never changes/);
  });

  it('adds a building of units; a bad row is a 400 naming it, a duplicate a 409', async () => {
    const path = `/api/housing/projects/${project.id}/units`;
    const plan = { building: { code: '1', floors: 4, layout: [ONE_BED, ONE_BED, TWO_BED] } };
    expect((await call(path, tokens.talent1, plan)).status).toBe(403);
    const added = await call<AddedUnits>(path, tokens.housing1, plan);
    expect(added.status).toBe(201);
    units = added.body.items;
    expect(units).toHaveLength(12);
    expect(units.map((u) => u.number).slice(0, 4)).toEqual(['101', '102', '103', '201']);
    expect(units[2]).toMatchObject({ building: '1', classId: 'LS:2BR:65', status: 'available' });

    const rows = [101, 102, 103, 104].map((n) => ({ building: '2', number: `${n}`, ...ONE_BED }));
    rows[3] = { ...rows[3], areaSqm: -45 };
    const bad = await call<ProblemDetails>(path, tokens.housing1, { units: rows });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.path)).toEqual(['units.3.areaSqm']);
    expect(bad.body.detail).toContain('units.3.areaSqm');

    const duplicate = await call<ProblemDetails>(path, tokens.housing1, {
      units: [rows[0], { building: '1', number: '402', ...ONE_BED }],
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([
      expect.objectContaining({
        path: 'units.1',
        message: 'building 1, number 402 exists already',
      }),
    ]);

    const listed = await call<Page<HousingProject>>('/api/housing/projects?pageSize=100');
    // All or nothing: building 2's rows were refused with the bad ones.
    expect(listed.body.items.find((p) => p.code === 'LS')).toMatchObject({
      buildings: 1,
      units: { total: 12, byStatus: { available: 12 } },
    });
  });

  it('marks a unit unavailable with a reason, and the lists show it', async () => {
    const unit = units[0];
    const noReason = await patch<ProblemDetails>(`/api/housing/units/${unit.id}`, tokens.housing1, {
      status: 'unavailable',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors?.map((e) => e.path)).toEqual(['reason']);
    expect(
      (await patch(`/api/housing/units/${unit.id}`, tokens.talent1, { monthlyRent: 1 })).status,
    ).toBe(403);
    const marked = await patch<ManagedUnit>(`/api/housing/units/${unit.id}`, tokens.housing1, {
      status: 'unavailable',
      reason: 'maintenance',
      note: 'bathroom refit',
    });
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ status: 'unavailable', unavailableReason: 'maintenance' });

    const listed = await call<Page<HousingProject>>('/api/housing/projects?pageSize=100');
    expect(listed.body.items.find((p) => p.id === project.id)?.units.byStatus).toMatchObject({
      available: 11,
      unavailable: 1,
    });
    const page = await call<Page<HousingUnit>>(
      `/api/housing/projects/${project.id}/units?status=unavailable`,
    );
    expect(page.body.items).toEqual([
      {
        id: unit.id,
        projectId: project.id,
        building: '1',
        number: '101',
        bedrooms: 1,
        areaSqm: 45,
        monthlyRent: 1350,
        status: 'unavailable',
      },
    ]);
    const record = await call<ManagedUnitDetail>(`/api/housing/units/${unit.id}`, tokens.housing1);
    expect(record.body.history.map((h) => h.action)).toEqual(['added', 'status-changed']);
    expect((await call(`/api/housing/units/${unit.id}`, tokens.talent1)).status).toBe(403);
  });

  it('refuses to edit an offered unit (409), and retires one that is free', async () => {
    const applied = await call('/api/housing/applications', tokens.talent1, {
      talentTier: 'B',
      householdSize: 1,
      preferredProjectIds: [project.id],
    });
    expect(applied.status).toBe(201);
    const round = await call<RoundCreated>('/api/housing/rounds', tokens.housing1, {
      projectIds: [project.id],
      seed: 'e2e-stock',
    });
    expect(round.status).toBe(201);
    const [offer] = round.body.offers;
    const offered = await patch<ProblemDetails>(
      `/api/housing/units/${offer.unitId}`,
      tokens.housing1,
      {
        monthlyRent: 1200,
      },
    );
    expect(offered.status).toBe(409);
    expect(offered.body.detail).toMatch(/offered/);
    const status = await patch<ProblemDetails>(`/api/housing/units/${offer.unitId}`, tokens.admin, {
      status: 'allocated',
    });
    expect(status.status).toBe(409);

    // Frozen into the round that is still running: bedrooms stay; the rent may change.
    const frozen = units.slice(1).find((u) => u.id !== offer.unitId)!;
    const bedrooms = await patch<ProblemDetails>(
      `/api/housing/units/${frozen.id}`,
      tokens.housing1,
      {
        bedrooms: 3,
      },
    );
    expect(bedrooms.status).toBe(409);
    expect(bedrooms.body.detail).toContain(round.body.id);

    const retired = await call<ManagedUnit>(
      `/api/housing/units/${units[0].id}/retire`,
      tokens.housing1,
      { note: 'merged with 102' },
    );
    expect(retired.status).toBe(200);
    expect(retired.body.retiredAt).not.toBeNull();
    const page = await call<Page<HousingUnit>>(`/api/housing/projects/${project.id}/units`);
    expect(page.body.total).toBe(11);
    expect(page.body.items.map((u) => u.id)).not.toContain(units[0].id);
  });
});
