import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { stableId, type Page } from '@gm/shared-contracts';
import type { ProblemDetails } from '@gm/shared-errors';
import type { Resource, Unit } from '@gm/resources-contracts';
import { request } from './support/http.js';
import { startPlatform, type Platform } from './support/platform.js';

// Starting the platform's processes takes seconds; a busy CI machine may take many.
jest.setTimeout(180_000);

const ALL_CODES = Array.from({ length: 78 }, (_, i) => `GM-R-${String(i + 1).padStart(3, '0')}`);

let platform: Platform;
const get = <T>(path: string) => request<T>(platform.baseUrl, path);

async function allResources(query = ''): Promise<Resource[]> {
  const items: Resource[] = [];
  for (let page = 1; ; page++) {
    const { status, body } = await get<Page<Resource>>(
      `/api/resources?pageSize=100&page=${page}${query}`,
    );
    expect(status).toBe(200);
    items.push(...body.items);
    if (items.length >= body.total || body.items.length === 0) return items;
  }
}

function matches(resource: Resource, term: string): boolean {
  const needle = term.toLowerCase();
  return [
    resource.code,
    resource.name,
    resource.nameEn,
    resource.description,
    resource.descriptionEn,
  ].some((text) => text.toLowerCase().includes(needle));
}

function expectProblem(
  result: { status: number; headers: Headers; body: unknown },
  status: number,
): ProblemDetails {
  expect(result.status).toBe(status);
  expect(result.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = result.body as ProblemDetails;
  expect(problem).toMatchObject({
    status,
    type: expect.any(String),
    title: expect.any(String),
    detail: expect.any(String),
  });
  expect(JSON.stringify(problem)).not.toMatch(/\bat .+:\d+:\d+/);
  return problem;
}

beforeAll(async () => {
  platform = await startPlatform({ services: ['resources', 'gateway'] });
});

afterAll(async () => {
  await platform?.stop();
});

describe('GET /api/units', () => {
  it('lists the 30 member units in one page', async () => {
    const { status, body } = await get<Page<Unit>>('/api/units');
    expect(status).toBe(200);
    expect(body.total).toBe(30);
    expect(body.items).toHaveLength(30);
    for (const unit of body.items) {
      expect(Object.keys(unit).sort()).toEqual(['code', 'id', 'name', 'nameEn']);
      expect(unit.id).toBe(stableId('unit', unit.code));
    }
    expect(body.items.map((unit) => unit.code)).toEqual(
      expect.arrayContaining(['SZBL', 'SYSU-SZ', 'SIAT']),
    );
  });
});

describe('GET /api/resources', () => {
  it('holds exactly the 78 demo resources GM-R-001 … GM-R-078', async () => {
    const first = await get<Page<Resource>>('/api/resources');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page: 1, pageSize: 20, total: 78 });
    expect(first.body.items).toHaveLength(20);
    const codes = (await allResources()).map((resource) => resource.code).sort();
    expect(codes).toEqual(ALL_CODES);
  });

  it('pages without overlap', async () => {
    const pages = await Promise.all(
      [1, 2, 3, 4].map((page) => get<Page<Resource>>(`/api/resources?page=${page}&pageSize=20`)),
    );
    expect(pages.map((p) => p.body.items.length)).toEqual([20, 20, 20, 18]);
    const codes = pages.flatMap((p) => p.body.items.map((resource) => resource.code));
    expect(new Set(codes).size).toBe(78);
    const beyond = await get<Page<Resource>>('/api/resources?page=9&pageSize=20');
    expect(beyond.body).toMatchObject({ items: [], total: 78, page: 9 });
  });

  it.each([
    ['Chinese', '电镜'],
    ['English', 'cryo'],
    ['English, any case', 'CRYO'],
  ])('searches names in %s (q=%s)', async (_language, q) => {
    const found = await allResources(`&q=${encodeURIComponent(q)}`);
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(78);
    for (const resource of found) expect(matches(resource, q)).toBe(true);
  });

  it('filters by category', async () => {
    const computing = await allResources('&category=computing');
    expect(computing.length).toBeGreaterThan(0);
    expect(computing.length).toBeLessThan(78);
    expect(new Set(computing.map((resource) => resource.category))).toEqual(new Set(['computing']));
  });

  it('filters by unit, and combines filters', async () => {
    const szbl = stableId('unit', 'SZBL');
    const owned = await allResources(`&unitId=${szbl}`);
    expect(owned.map((resource) => resource.code)).toContain('GM-R-001');
    for (const resource of owned) expect(resource.unit.code).toBe('SZBL');

    const category = owned[0]!.category;
    const both = await allResources(`&unitId=${szbl}&category=${category}`);
    expect(both.length).toBeGreaterThan(0);
    for (const resource of both)
      expect([resource.unit.code, resource.category]).toEqual(['SZBL', category]);
  });

  it('rejects pageSize=500 with a 400 naming pageSize', async () => {
    const problem = expectProblem(await get('/api/resources?pageSize=500'), 400);
    expect(problem.errors?.map((e) => e.path)).toEqual(['pageSize']);
  });

  it('names every bad parameter at once', async () => {
    const problem = expectProblem(
      await get('/api/resources?page=0&category=spaceship&unitId=nope'),
      400,
    );
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['category', 'page', 'unitId']);
  });
});

describe('GET /api/resources/:id', () => {
  it('finds a resource by code and by id, with its policy and unit', async () => {
    const byCode = await get<Resource>('/api/resources/GM-R-001');
    expect(byCode.status).toBe(200);
    expect(byCode.body).toMatchObject({
      id: stableId('resource', 'GM-R-001'),
      code: 'GM-R-001',
      name: expect.any(String),
      nameEn: expect.any(String),
      category: expect.any(String),
      location: expect.any(String),
      description: expect.any(String),
      status: expect.any(String),
      unit: { code: 'SZBL', id: stableId('unit', 'SZBL') },
      policy: {
        requiresApproval: true,
        minMinutes: expect.any(Number),
        maxMinutes: expect.any(Number),
        bufferMinutes: expect.any(Number),
        leadTimeHours: expect.any(Number),
        maxAdvanceDays: expect.any(Number),
      },
    });
    const byId = await get<Resource>(`/api/resources/${byCode.body.id}`);
    expect(byId.body).toEqual(byCode.body);
    const lowerCase = await get<Resource>('/api/resources/gm-r-001');
    expect(lowerCase.body.id).toBe(byCode.body.id);
  });

  it('answers 404 problem+json for an unknown code or id', async () => {
    expectProblem(await get('/api/resources/GM-R-999'), 404);
    expectProblem(await get(`/api/resources/${stableId('resource', 'nothing')}`), 404);
  });
});

describe('errors', () => {
  it('answers an unknown route with a 404 problem', async () => {
    expectProblem(await get('/api/nothing-here'), 404);
  });
});
