import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { SimulationResult } from '@gm/housing-contracts';
import type { ProblemDetails } from '@gm/shared-errors';
import { request, signInAll } from './support/http.js';
import { startPlatform, type Platform } from './support/platform.js';

// Starting the platform's processes takes seconds; a busy CI machine may take many.
jest.setTimeout(180_000);

let platform: Platform;
let tokens: Record<string, string>;

const simulate = (json: unknown, token?: string) =>
  request<SimulationResult & ProblemDetails>(platform.baseUrl, '/api/housing/simulations', {
    json,
    token,
  });

// housing-allocation.md's Shapley–Scarf example: agent j rents unit j, nothing is vacant.
const LISTS: Record<string, string[]> = {
  '1': ['3', '2', '4', '1'],
  '2': ['3', '5', '6', '2'],
  '3': ['3', '1'],
  '4': ['2', '5', '6', '4'],
  '5': ['1', '3', '2', '5'],
  '6': ['2', '4', '5', '6'],
};
const shapleyScarf = (order: string[]) => ({
  method: 'yrmh-igyt',
  order,
  applicants: order.map((id) => ({ id, preferences: LISTS[id], tenantOf: id })),
  units: [...order].reverse().map((id) => ({ id })),
});

beforeAll(async () => {
  platform = await startPlatform({ services: ['housing', 'gateway'] });
  tokens = await signInAll(platform.baseUrl, ['housing1', 'talent1']);
});

afterAll(async () => {
  await platform?.stop();
});

describe('POST /api/housing/simulations', () => {
  it('replays the Shapley–Scarf example to the same bytes and digest whatever the order', async () => {
    const first = await simulate(shapleyScarf(['1', '2', '3', '4', '5', '6']), tokens.housing1);
    expect(first.status).toBe(200);
    expect(first.body.assignments).toEqual([
      { applicantId: '1', unitId: '2' },
      { applicantId: '2', unitId: '5' },
      { applicantId: '3', unitId: '3' },
      { applicantId: '4', unitId: '6' },
      { applicantId: '5', unitId: '1' },
      { applicantId: '6', unitId: '4' },
    ]);
    expect(first.body.unassigned).toEqual([]);
    expect(first.body.digest).toMatch(/^[0-9a-f]{64}$/);
    const second = await simulate(shapleyScarf(['6', '4', '2', '5', '3', '1']), tokens.housing1);
    expect(JSON.stringify(second.body)).toBe(JSON.stringify(first.body));
  });

  it('runs serial dictatorship by default, ordering by the seed lottery when no order is given', async () => {
    const problem = {
      seed: 'demo-round-1',
      applicants: ['a1', 'a2', 'a3'].map((id) => ({ id, preferences: ['u1', 'u2'] })),
      units: [{ id: 'u1' }, { id: 'u2' }],
    };
    const result = await simulate(problem, tokens.housing1);
    expect(result.status).toBe(200);
    expect(result.body.assignments.map((a) => a.unitId).sort()).toEqual(['u1', 'u2']);
    expect(result.body.unassigned).toHaveLength(1);
    const again = await simulate(
      { ...problem, applicants: [...problem.applicants].reverse() },
      tokens.housing1,
    );
    expect(again.body.digest).toBe(result.body.digest);
  });

  it('runs deferred acceptance with unit priorities and capacities', async () => {
    const result = await simulate(
      {
        method: 'deferred-acceptance',
        applicants: [
          { id: 'A', preferences: ['C'] },
          { id: 'S', preferences: ['C', 'M'] },
          { id: 'D', preferences: ['C', 'M', 'G'] },
          { id: 'J', preferences: ['C', 'G', 'M'] },
          { id: 'L', preferences: ['M', 'C', 'G'] },
        ],
        units: [
          { id: 'M', capacity: 2, priority: ['D', 'L', 'S', 'J'] },
          { id: 'C', capacity: 2, priority: ['D', 'A', 'S', 'L', 'J'] },
          { id: 'G', capacity: 2, priority: ['D', 'J', 'L'] },
        ],
      },
      tokens.housing1,
    );
    expect(result.status).toBe(200);
    expect(result.body.assignments).toEqual([
      { applicantId: 'A', unitId: 'C' },
      { applicantId: 'D', unitId: 'C' },
      { applicantId: 'J', unitId: 'G' },
      { applicantId: 'L', unitId: 'M' },
      { applicantId: 'S', unitId: 'M' },
    ]);
  });

  it('names bad fields: the schema at the gateway, references in the engine', async () => {
    const shape = await simulate(
      { method: 'lottery', applicants: 'x', units: [] },
      tokens.housing1,
    );
    expect(shape.status).toBe(400);
    expect(shape.body.errors?.map((e) => e.path).sort()).toEqual(['applicants', 'method']);

    const references = await simulate(
      {
        applicants: [{ id: 'a1', preferences: ['u9'] }],
        units: [{ id: 'u1' }],
        order: ['a1', 'a2'],
      },
      tokens.housing1,
    );
    expect(references.status).toBe(400);
    expect(references.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'order.1', code: 'allocation.unknown-applicant' }),
        expect.objectContaining({
          path: 'applicants.0.preferences.0',
          code: 'allocation.unknown-unit',
        }),
      ]),
    );
  });

  it('is for housing officers only: 401 anonymous, 403 a talent', async () => {
    const problem = shapleyScarf(['1', '2', '3', '4', '5', '6']);
    expect((await simulate(problem)).status).toBe(401);
    const talent = await simulate(problem, tokens.talent1);
    expect(talent.status).toBe(403);
    expect(talent.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
