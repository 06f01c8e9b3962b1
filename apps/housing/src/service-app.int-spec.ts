import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { stableId } from '@gm/shared-contracts';
import { startTestService, type TestService } from '@gm/shared-service-testing';
import { GetHousingOverview, ListHousingProjects } from '@gm/housing-contracts';
import { SeedDemoHousingUseCase } from '@gm/housing-feature';
import { housingService } from './service.js';

describe.each([
  ['PostgreSQL', false],
  ['embedded PGlite', true],
])('the housing service on %s', (_name, embedded) => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService(housingService, { embedded });
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
  });

  const call: TestService['client']['call'] = (contract, input) =>
    service.client.call(contract, input);

  it('migrates and seeds on start, then lists the projects with unit counts', async () => {
    const { items } = await call(ListHousingProjects, {});
    expect(items.map((p) => p.code)).toEqual(['CZ', 'FHC', 'GMC', 'YT']);
    const changzhen = items.find((p) => p.code === 'CZ')!;
    // 3 buildings × 12 floors × 4 units; 1-101 and 3-1204 withdrawn; floors 1–4 of 1 and 1–2 of 2 let.
    expect(changzhen).toMatchObject({
      id: stableId('housing-project', 'CZ'),
      name: '长圳人才社区',
      buildings: 3,
      units: {
        total: 144,
        byStatus: { available: 119, offered: 0, allocated: 23, unavailable: 2 },
      },
    });
    for (const project of items) {
      const { total, byStatus } = project.units;
      expect(
        byStatus.available + byStatus.offered + byStatus.allocated + byStatus.unavailable,
      ).toBe(total);
    }
  });

  it('counts projects and units for the portal, agreeing with the project list', async () => {
    const [overview, { items }] = await Promise.all([
      call(GetHousingOverview, {}),
      call(ListHousingProjects, {}),
    ]);
    expect(overview.projects).toBe(items.length);
    expect(overview.units.total).toBe(items.reduce((sum, p) => sum + p.units.total, 0));
    expect(overview.units.byStatus.available).toBe(
      items.reduce((sum, p) => sum + p.units.byStatus.available, 0),
    );
    expect(overview.units.total).toBeGreaterThanOrEqual(200);
  });

  it('seeds once: seeding again inserts nothing and changes no count', async () => {
    const before = await call(ListHousingProjects, {});
    expect(await service.app.get(SeedDemoHousingUseCase).execute()).toEqual({
      projects: 0,
      buildings: 0,
      units: 0,
    });
    expect(await call(ListHousingProjects, {})).toEqual(before);
  });

  it('reports ready once the database and NATS answer', async () => {
    const response = await service.probe('/readyz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      checks: { database: { status: 'ok' }, nats: { status: 'ok' } },
    });
  });
});
