import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { z } from 'zod';
import { rpc, stableId } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { RpcClient } from '@gm/shared-messaging';
import { createLogger, NestPinoLogger } from '@gm/shared-telemetry';
import {
  createTestDatabase,
  testNatsUrl,
  uniquePrefix,
  type TestDatabase,
} from '@gm/shared-testing';
import {
  GetResource,
  GetResourcesOverview,
  ListResources,
  ListUnits,
} from '@gm/resources-contracts';
import { createServiceApp, loadServiceConfig, startServiceApp } from '@gm/shared-runtime';
import { resourcesService } from './service.js';

// The same subject with no request schema on the caller's side, so the service's own check answers.
const UncheckedListResources = rpc(ListResources.subject, z.unknown(), z.unknown());

describe('the resources service over NATS', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let client: RpcClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    const prefix = uniquePrefix('resources');
    const config = loadServiceConfig(resourcesService, {
      NATS_URL: testNatsUrl(),
      NATS_PREFIX: prefix,
      DATABASE_URL: database.url,
      SEED_DEMO_DATA: 'true',
      AUTH_DEMO_SECRET: 'a-test-secret-that-is-long-enough-0123',
      HTTP_PORT: '0',
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
    });
    const logger = new NestPinoLogger(createLogger({ service: 'resources', level: 'silent' }));
    app = await createServiceApp(resourcesService, config, { logger });
    await startServiceApp(app, config);
    client = RpcClient.create({ natsUrl: config.NATS_URL, prefix, defaultTimeoutMs: 5_000 });
    await client.connect();
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    await app?.close();
    await database?.drop();
  });

  it('migrates and seeds on start, then lists the units', async () => {
    const { items } = await client.call(ListUnits, {});
    expect(items).toHaveLength(30);
    expect(items.map((u) => u.code)).toEqual(expect.arrayContaining(['SZBL', 'SYSU-SZ', 'SIAT']));
  });

  it('searches, filters and pages the catalogue', async () => {
    const page = await client.call(ListResources, { q: '电镜', pageSize: 100 });
    expect(page.items.map((r) => r.code)).toEqual(expect.arrayContaining(['GM-R-001', 'GM-R-002']));
    expect(page.total).toBe(page.items.length);

    const second = await client.call(ListResources, { page: 2, pageSize: 50 });
    expect(second).toMatchObject({ page: 2, pageSize: 50, total: 78 });
    expect(second.items.map((r) => r.code)[0]).toBe('GM-R-051');
  });

  it('gets one resource by code or id, and answers not-found for an unknown one', async () => {
    const resource = await client.call(GetResource, { id: 'GM-R-001' });
    expect(resource).toMatchObject({
      id: stableId('resource', 'GM-R-001'),
      unit: { code: 'SZBL' },
    });
    expect(await client.call(GetResource, { id: resource.id })).toEqual(resource);

    const error = await client.call(GetResource, { id: 'GM-R-404' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('not-found');
  });

  it('rejects a bad request with every bad field named', async () => {
    const error = await client
      .call(UncheckedListResources, { category: 'spaceship', pageSize: 1000, unitId: 'nope' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid-input');
    expect((error as AppError).errors.map((e) => e.path).sort()).toEqual([
      'category',
      'pageSize',
      'unitId',
    ]);
  });

  it('counts the catalogue for the portal', async () => {
    const overview = await client.call(GetResourcesOverview, {});
    expect(overview.units).toBe(30);
    expect(overview.resources.total).toBe(78);
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
