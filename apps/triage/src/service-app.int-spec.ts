import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { stableId } from '@gm/shared-contracts';
import { startTestService, type TestService } from '@gm/shared-service-testing';
import { GetTriageOverview, ListDepartments, ListTicketCategories } from '@gm/triage-contracts';
import { SeedDemoReferenceDataUseCase } from '@gm/triage-feature';
import { triageService } from './service.js';

describe.each([
  ['PostgreSQL', false],
  ['embedded PGlite', true],
])('the triage service on %s', (_name, embedded) => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService(triageService, { embedded });
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
  });

  const call: TestService['client']['call'] = (contract, input) =>
    service.client.call(contract, input);

  it('migrates and seeds on start, then lists the departments', async () => {
    const { items } = await call(ListDepartments, {});
    expect(items.map((d) => d.code)).toEqual([
      'education',
      'health',
      'housing',
      'hr',
      'science',
      'traffic',
    ]);
    expect(items.find((d) => d.code === 'housing')).toEqual({
      id: stableId('department', 'housing'),
      code: 'housing',
      name: '光明区住房和建设局',
      nameEn: 'Guangming District Housing and Construction Bureau',
    });
  });

  it('lists the ticket categories with their default departments and deadlines', async () => {
    const { items } = await call(ListTicketCategories, {});
    expect(items.map((c) => c.code)).toEqual([
      'housing',
      'lab-space',
      'other',
      'school-place',
      'talent-service',
      'vehicle-permit',
    ]);
    expect(items.find((c) => c.code === 'vehicle-permit')).toMatchObject({
      defaultDepartment: 'traffic',
      defaultDepartmentId: stableId('department', 'traffic'),
      slaWorkingDays: 5,
    });
    expect(items.find((c) => c.code === 'other')).toMatchObject({
      defaultDepartment: null,
      defaultDepartmentId: null,
    });
  });

  it('counts its reference data for the portal', async () => {
    expect(await call(GetTriageOverview, {})).toEqual({ departments: 6, categories: 6 });
  });

  it('seeds once: seeding again inserts nothing and changes nothing', async () => {
    const before = await call(ListTicketCategories, {});
    expect(await service.app.get(SeedDemoReferenceDataUseCase).execute()).toEqual({
      departments: 0,
      categories: 0,
    });
    expect(await call(ListTicketCategories, {})).toEqual(before);
  });

  it('reports ready once the database and NATS answer', async () => {
    const response = await service.probe('/readyz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      checks: { database: { status: 'ok' }, nats: { status: 'ok' } },
    });
  });
});
