import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { stableId } from '@gm/shared-contracts';
import { RpcClient } from '@gm/shared-messaging';
import { createLogger, NestPinoLogger } from '@gm/shared-telemetry';
import {
  createTestDatabase,
  testNatsUrl,
  uniquePrefix,
  type TestDatabase,
} from '@gm/shared-testing';
import { GetTriageOverview, ListDepartments, ListTicketCategories } from '@gm/triage-contracts';
import { SeedDemoReferenceDataUseCase } from '@gm/triage-feature';
import { createServiceApp, loadServiceConfig, startServiceApp } from '@gm/shared-runtime';
import { triageService } from './service.js';

describe.each([
  ['PostgreSQL', false],
  ['embedded PGlite', true],
])('the triage service on %s', (_name, embedded) => {
  let database: TestDatabase | undefined;
  let app: NestFastifyApplication;
  let client: RpcClient;

  beforeAll(async () => {
    database = embedded ? undefined : await createTestDatabase();
    const prefix = uniquePrefix('triage');
    const config = loadServiceConfig(triageService, {
      NATS_URL: testNatsUrl(),
      NATS_PREFIX: prefix,
      ...(database ? { DATABASE_URL: database.url } : { DATA_DIR: 'memory://' }),
      SEED_DEMO_DATA: 'true',
      AUTH_DEMO_SECRET: 'a-test-secret-that-is-long-enough-0123',
      HTTP_PORT: '0',
      HTTP_HOST: '127.0.0.1',
    });
    const logger = new NestPinoLogger(createLogger({ service: 'triage', level: 'silent' }));
    app = await createServiceApp(triageService, config, { logger });
    await startServiceApp(app, config);
    client = RpcClient.create({ natsUrl: config.NATS_URL, prefix, defaultTimeoutMs: 5_000 });
    await client.connect();
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    await app?.close();
    await database?.drop();
  });

  it('migrates and seeds on start, then lists the departments', async () => {
    const { items } = await client.call(ListDepartments, {});
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
    const { items } = await client.call(ListTicketCategories, {});
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
    expect(await client.call(GetTriageOverview, {})).toEqual({ departments: 6, categories: 6 });
  });

  it('seeds once: seeding again inserts nothing and changes nothing', async () => {
    const before = await client.call(ListTicketCategories, {});
    expect(await app.get(SeedDemoReferenceDataUseCase).execute()).toEqual({
      departments: 0,
      categories: 0,
    });
    expect(await client.call(ListTicketCategories, {})).toEqual(before);
  });

  it('reports ready once the database and NATS answer', async () => {
    const response = await app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      checks: { database: { status: 'ok' }, nats: { status: 'ok' } },
    });
  });
});
