import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { stableId, type Page } from '@gm/shared-contracts';
import { request } from './support/http.js';
import { startPlatform, type Platform } from './support/platform.js';

// Starting the platform's processes takes seconds; a busy CI machine may take many.
jest.setTimeout(180_000);

interface Coded {
  id?: string;
  code: string;
  name: string;
  nameEn: string;
}

interface Overview {
  resources: { units: number; resources: { total: number } } | null;
  triage: { departments: number; categories: number } | null;
  housing: { projects: number } | null;
  degraded: string[];
}

let platform: Platform;
const get = <T>(path: string) => request<T>(platform.baseUrl, path);

beforeAll(async () => {
  platform = await startPlatform();
});

afterAll(async () => {
  await platform?.stop();
});

describe('public reference lists through the gateway', () => {
  it('lists the departments with their stable ids', async () => {
    const { status, body } = await get<Page<Coded>>('/api/departments');
    expect(status).toBe(200);
    const codes = body.items.map((department) => department.code);
    expect(codes).toEqual(
      expect.arrayContaining(['housing', 'traffic', 'science', 'hr', 'education', 'health']),
    );
    for (const department of body.items)
      expect(department.id).toBe(stableId('department', department.code));
    expect(body.total).toBe(body.items.length);
  });

  it('lists the ticket categories with their default department and deadline', async () => {
    const { status, body } =
      await get<Page<Coded & { defaultDepartment: string | null; slaWorkingDays: number }>>(
        '/api/ticket-categories',
      );
    expect(status).toBe(200);
    expect(body.items.map((category) => category.code)).toEqual(
      expect.arrayContaining(['housing', 'vehicle-permit', 'lab-space', 'talent-service', 'other']),
    );
    const housing = body.items.find((category) => category.code === 'housing');
    expect(housing).toMatchObject({
      defaultDepartment: 'housing',
      slaWorkingDays: expect.any(Number),
    });
  });

  it('lists the housing projects with unit counts', async () => {
    const { status, body } =
      await get<Page<Coded & { units: { total: number; byStatus: Record<string, number> } }>>(
        '/api/housing/projects',
      );
    expect(status).toBe(200);
    expect(body.items.length).toBeGreaterThan(0);
    for (const project of body.items) {
      const counted = Object.values(project.units.byStatus).reduce((sum, n) => sum + n, 0);
      expect(counted).toBe(project.units.total);
    }
  });
});

describe('GET /api/portal/overview', () => {
  it('combines the figures of all three services', async () => {
    const { status, body } = await get<Overview>('/api/portal/overview');
    expect(status).toBe(200);
    expect(body.degraded).toEqual([]);
    expect(body.resources).toMatchObject({ units: 30, resources: { total: 78 } });
    expect(body.triage?.departments).toBeGreaterThanOrEqual(6);
    expect(body.housing?.projects).toBeGreaterThan(0);
  });

  it('still answers when a service is down, naming it, and recovers when it is back', async () => {
    await platform.stopService('housing');
    const started = Date.now();
    const degraded = await get<Overview>('/api/portal/overview');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(degraded.status).toBe(200);
    expect(degraded.body).toMatchObject({ housing: null, degraded: ['housing'] });
    expect(degraded.body.resources?.resources.total).toBe(78);
    expect((await get('/api/housing/projects')).status).toBe(503);

    await platform.startService('housing');
    const recovered = await get<Overview>('/api/portal/overview');
    expect(recovered.body.degraded).toEqual([]);
    expect(recovered.body.housing?.projects).toBeGreaterThan(0);
  });
});
