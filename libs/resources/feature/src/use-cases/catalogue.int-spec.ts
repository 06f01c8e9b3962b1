import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AppError } from '@gm/shared-errors';
import { stableId } from '@gm/shared-contracts';
import { ResourceQuerySchema, type ResourceQuery } from '@gm/resources-contracts';
import { demoCatalogue, resourcesMigrations, type ResourcesDB } from '@gm/resources-data-access';
import { openTestDatabase, type OpenedTestDatabase } from '@gm/shared-testing';
import { GetResourceUseCase } from './get-resource.use-case.js';
import { ResourceCache } from '../catalogue/resource-cache.js';
import { GetResourcesOverviewUseCase } from './get-resources-overview.use-case.js';
import { ListResourcesUseCase } from './list-resources.use-case.js';
import { ListUnitsUseCase } from './list-units.use-case.js';
import { SeedDemoCatalogueUseCase } from './seed-demo-catalogue.use-case.js';

const seed = demoCatalogue();
const allCodes = seed.resources.map((r) => r.code).sort();

/** The oracle for search: case-insensitive substring of any searched column, computed in JS. */
const expectedCodes = (q: string) =>
  seed.resources
    .filter((r) =>
      [r.name, r.name_en, r.description, r.description_en, r.code].some((text) =>
        text.toLowerCase().includes(q.toLowerCase()),
      ),
    )
    .map((r) => r.code)
    .sort();

const query = (input: Record<string, unknown>): ResourceQuery => ResourceQuerySchema.parse(input);

describe.each([
  ['PostgreSQL', false],
  ['PGlite', true],
])('the catalogue on %s', (_name, embedded) => {
  let opened: OpenedTestDatabase<ResourcesDB>;
  let list: ListResourcesUseCase;
  let get: GetResourceUseCase;
  let firstSeed: { units: number; resources: number };

  beforeAll(async () => {
    opened = await openTestDatabase<ResourcesDB>({
      service: 'resources',
      schema: 'resources',
      migrations: resourcesMigrations,
      embedded,
    });
    firstSeed = await new SeedDemoCatalogueUseCase(opened.database).execute();
    list = new ListResourcesUseCase(opened.database);
    get = new GetResourceUseCase(opened.database, new ResourceCache());
  }, 60_000);

  afterAll(() => opened?.cleanup());

  it('seeds the demo catalogue once; a second run changes nothing', async () => {
    expect(firstSeed).toEqual({ units: 30, resources: 78 });
    const before = await opened.database.db
      .selectFrom('resources')
      .select(['id', 'updated_at'])
      .orderBy('id')
      .execute();
    expect(await new SeedDemoCatalogueUseCase(opened.database).execute()).toEqual({
      units: 0,
      resources: 0,
    });
    const after = await opened.database.db
      .selectFrom('resources')
      .select(['id', 'updated_at'])
      .orderBy('id')
      .execute();
    expect(after).toEqual(before);
  });

  it('lists the member units in code order', async () => {
    const { items } = await new ListUnitsUseCase(opened.database).execute();
    expect(items).toHaveLength(30);
    expect(items.map((u) => u.code)).toEqual(seed.units.map((u) => u.code).sort());
    expect(items).toContainEqual({
      id: stableId('unit', 'SZBL'),
      code: 'SZBL',
      name: '深圳湾实验室',
      nameEn: 'Shenzhen Bay Laboratory',
    });
  });

  it.each(['电镜', 'cryo', 'CRYO', '合成生物', 'gm-r-07', 'Demo data'])(
    'finds "%s" in either language',
    async (q) => {
      const page = await list.execute(query({ q, pageSize: 100 }));
      expect(page.items.map((r) => r.code)).toEqual(expectedCodes(q));
      expect(page.total).toBe(expectedCodes(q).length);
      expect(page.total).toBeGreaterThan(0);
    },
  );

  it('finds the cryo-electron microscopes by their Chinese and English names', async () => {
    const chinese = (await list.execute(query({ q: '电镜' }))).items.map((r) => r.code);
    const english = (await list.execute(query({ q: 'cryo' }))).items.map((r) => r.code);
    expect(chinese).toEqual(expect.arrayContaining(['GM-R-001', 'GM-R-002']));
    expect(english).toEqual(expect.arrayContaining(['GM-R-001', 'GM-R-002']));
  });

  it('takes LIKE wildcards in the search text literally', async () => {
    expect((await list.execute(query({ q: '%' }))).total).toBe(0);
    expect((await list.execute(query({ q: 'GM_R' }))).total).toBe(0);
  });

  it('filters by category and by unit, alone and together', async () => {
    const computing = await list.execute(query({ category: 'computing', pageSize: 100 }));
    expect(computing.items.map((r) => r.code)).toEqual(
      seed.resources
        .filter((r) => r.category === 'computing')
        .map((r) => r.code)
        .sort(),
    );
    expect(computing.items.every((r) => r.category === 'computing')).toBe(true);

    const szbl = stableId('unit', 'SZBL');
    const owned = await list.execute(query({ unitId: szbl, pageSize: 100 }));
    expect(owned.items.map((r) => r.code)).toEqual(
      seed.resources
        .filter((r) => r.unit_id === szbl)
        .map((r) => r.code)
        .sort(),
    );
    expect(owned.items.every((r) => r.unit.code === 'SZBL')).toBe(true);

    const both = await list.execute(query({ unitId: szbl, category: 'laboratory', q: '实验室' }));
    expect(both.items.map((r) => r.code)).toEqual(['GM-R-024']);
  });

  it('pages in code order with the total of all matches', async () => {
    const pages = await Promise.all(
      [1, 2, 3, 4].map((page) => list.execute(query({ page, pageSize: 20 }))),
    );
    expect(pages.map((p) => p.items.length)).toEqual([20, 20, 20, 18]);
    expect(pages.every((p) => p.total === 78)).toBe(true);
    expect(pages.flatMap((p) => p.items.map((r) => r.code))).toEqual(allCodes);
    expect(pages[3]).toMatchObject({ page: 4, pageSize: 20 });
    expect(await list.execute(query({ page: 5, pageSize: 20 }))).toEqual({
      items: [],
      page: 5,
      pageSize: 20,
      total: 78,
    });
  });

  it('gets one resource by id and by code, with its unit and policy', async () => {
    const byId = await get.execute(stableId('resource', 'GM-R-001'));
    expect(await get.execute('gm-r-001')).toEqual(byId);
    expect(byId).toMatchObject({
      code: 'GM-R-001',
      category: 'instrument',
      unit: { code: 'SZBL' },
      policy: { requiresApproval: true, requiredQualification: null, monthlyCapHoursPerUnit: null },
      status: 'available',
    });
    expect(byId.policy.openingHours.length).toBeGreaterThan(0);
  });

  it('answers not-found for an unknown id or code', async () => {
    for (const ref of ['GM-R-999', stableId('resource', 'GM-R-999')]) {
      const error = await get.execute(ref).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('not-found');
    }
  });

  it('counts the catalogue for the portal', async () => {
    const overview = await new GetResourcesOverviewUseCase(opened.database).execute();
    const count = (
      pick: (r: (typeof seed.resources)[number]) => string | undefined,
      value: string,
    ) => seed.resources.filter((r) => (pick(r) ?? 'available') === value).length;
    expect(overview).toEqual({
      units: 30,
      resources: {
        total: 78,
        byCategory: {
          instrument: count((r) => r.category, 'instrument'),
          laboratory: count((r) => r.category, 'laboratory'),
          facility: count((r) => r.category, 'facility'),
          computing: count((r) => r.category, 'computing'),
          platform: count((r) => r.category, 'platform'),
        },
        byStatus: {
          available: count((r) => r.status, 'available'),
          maintenance: count((r) => r.status, 'maintenance'),
          retired: count((r) => r.status, 'retired'),
        },
      },
    });
    expect(overview.resources.byStatus.maintenance).toBeGreaterThan(0);
  });
});
