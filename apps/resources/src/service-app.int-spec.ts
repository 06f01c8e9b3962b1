import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { rpc, stableId } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { startTestService, type TestService } from '@gm/shared-service-testing';
import {
  GetResource,
  GetResourcesOverview,
  ListResources,
  ListUnits,
} from '@gm/resources-contracts';
import { resourcesService } from './service.js';

// The same subject with no request schema on the caller's side, so the service's own check answers.
const UncheckedListResources = rpc(ListResources.subject, z.unknown(), z.unknown());

describe('the resources service over NATS', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService(resourcesService);
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
  });

  const call: TestService['client']['call'] = (contract, input) =>
    service.client.call(contract, input);

  it('migrates and seeds on start, then lists the units', async () => {
    const { items } = await call(ListUnits, {});
    expect(items).toHaveLength(30);
    expect(items.map((u) => u.code)).toEqual(expect.arrayContaining(['SZBL', 'SYSU-SZ', 'SIAT']));
  });

  it('searches, filters and pages the catalogue', async () => {
    const page = await call(ListResources, { q: '电镜', pageSize: 100 });
    expect(page.items.map((r) => r.code)).toEqual(expect.arrayContaining(['GM-R-001', 'GM-R-002']));
    expect(page.total).toBe(page.items.length);

    const second = await call(ListResources, { page: 2, pageSize: 50 });
    expect(second).toMatchObject({ page: 2, pageSize: 50, total: 78 });
    expect(second.items.map((r) => r.code)[0]).toBe('GM-R-051');
  });

  it('gets one resource by code or id, and answers not-found for an unknown one', async () => {
    const resource = await call(GetResource, { id: 'GM-R-001' });
    expect(resource).toMatchObject({
      id: stableId('resource', 'GM-R-001'),
      unit: { code: 'SZBL' },
    });
    expect(await call(GetResource, { id: resource.id })).toEqual(resource);

    const error = await call(GetResource, { id: 'GM-R-404' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('not-found');
  });

  it('rejects a bad request with every bad field named', async () => {
    const error = await service.client
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
    const overview = await call(GetResourcesOverview, {});
    expect(overview.units).toBe(30);
    expect(overview.resources.total).toBe(78);
  });

  it('reports ready once the database and NATS answer', async () => {
    const response = await service.probe('/readyz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      checks: { database: { status: 'ok' }, nats: { status: 'ok' } },
    });
  });
});
