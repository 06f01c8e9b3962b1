import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { TestingModule } from '@nestjs/testing';
import { connect } from 'nats';
import type { Identity } from '@gm/shared-contracts';
import { prefixStreamName, STREAMS } from '@gm/shared-messaging';
import { startEventsTestModule, stopEventsTestModule } from '@gm/shared-service-testing';
import { testNatsUrl, uniquePrefix, waitFor, type OpenedTestDatabase } from '@gm/shared-testing';
import type { HousingDB } from '@gm/housing-data-access';
import {
  AddUnitsBodySchema,
  UnitChangesSchema,
  type ManagedHousingProject,
  type ManagedUnit,
} from '@gm/housing-contracts';
import type { ApplicationsUseCase } from '../applications/applications.use-case.js';
import {
  housingUseCases,
  openHousingDatabase,
  outboxEvents,
  person,
  refusal,
} from '../housing.test-support.js';
import type { OffersUseCase } from '../offers/offers.use-case.js';
import type { RoundsUseCase } from '../rounds/rounds.use-case.js';
import type { ListProjectUnitsUseCase } from '../units/list-project-units.use-case.js';
import type { VacateUnitUseCase } from '../units/vacate-unit.use-case.js';
import type { ListHousingProjectsUseCase } from '../use-cases/list-housing-projects.use-case.js';
import { AddUnitsUseCase } from './add-units.use-case.js';
import { ManageProjectsUseCase } from './manage-projects.use-case.js';
import { ManageUnitsUseCase } from './manage-units.use-case.js';

jest.setTimeout(60_000);

const officer = person('stock.officer', ['housing-officer']);
const admin = person('stock.admin', ['admin']);
const talent = person('stock.talent', ['talent']);
const ONE_BED = { bedrooms: 1, areaSqm: 45, monthlyRent: 1350 };
const TWO_BED = { bedrooms: 2, areaSqm: 65, monthlyRent: 1950 };
const NOTE = '3楼漏水，王先生报修';

const codes = async (promise: Promise<unknown>) => {
  const error = await refusal(promise);
  return [error.code, error.type];
};

describe('the housing office manages the stock, on PostgreSQL', () => {
  let opened: OpenedTestDatabase<HousingDB>;
  let projects: ManageProjectsUseCase;
  let additions: AddUnitsUseCase;
  let units: ManageUnitsUseCase;
  let catalogue: ListHousingProjectsUseCase;
  let unitList: ListProjectUnitsUseCase;
  let applications: ApplicationsUseCase;
  let rounds: RoundsUseCase;
  let offers: OffersUseCase;
  let vacancies: VacateUnitUseCase;
  let project: ManagedHousingProject;
  const unitNamed = new Map<string, ManagedUnit>();

  const stockEvents = async () =>
    (await outboxEvents(opened.database.db)).filter(
      (r) =>
        /^housing\.evt\.(project|unit)\./.test(r.type) && r.type !== 'housing.evt.unit.vacated.v1',
    );
  const listed = async () => (await catalogue.execute()).items.find((p) => p.id === project.id);
  const add = (body: unknown) =>
    additions.execute(officer, { projectId: project.id, ...AddUnitsBodySchema.parse(body) });
  const change = (who: Identity, name: string, body: unknown) =>
    units.update(who, { id: unitNamed.get(name)!.id, changes: UnitChangesSchema.parse(body) });

  beforeAll(async () => {
    opened = await openHousingDatabase();
    ({ projects, additions, units, catalogue, unitList, applications, rounds, offers, vacancies } =
      housingUseCases(opened.database, { offerHours: 48 }));
  });

  afterAll(() => opened?.cleanup());

  it('creates and edits projects for housing officers only; a code is unique for ever', async () => {
    const input = { code: 'SM', name: '石明人才苑', nameEn: 'Shiming Talent Court', address: '' };
    expect(await codes(projects.create(talent, input))).toEqual(['forbidden', undefined]);
    project = await projects.create(officer, input);
    expect(project).toMatchObject({
      code: 'SM',
      buildings: 0,
      units: { total: 0, byStatus: { available: 0 } },
      retiredAt: null,
    });
    const taken = await refusal(projects.create(admin, { ...input, name: 'again' }));
    expect([taken.code, taken.type, taken.errors[0]?.path]).toEqual([
      'conflict',
      'project-code-taken',
      'code',
    ]);

    const edited = await projects.update(admin, {
      id: project.id,
      changes: { address: '光明区马田街道', name: '石明人才苑' },
    });
    expect(edited).toMatchObject({ code: 'SM', address: '光明区马田街道' });
    expect((await listed())?.address).toBe('光明区马田街道');
    expect(
      await codes(projects.update(talent, { id: project.id, changes: { name: 'x' } })),
    ).toEqual(['forbidden', undefined]);
    expect(
      await codes(projects.update(officer, { id: unknownId(), changes: { name: 'x' } })),
    ).toEqual(['not-found', undefined]);
  });

  it('adds a building of floors × layout and a list of units, all or nothing', async () => {
    expect(
      await codes(additions.execute(talent, { projectId: project.id, units: [] as never })),
    ).toEqual(['forbidden', undefined]);
    const building = await add({ building: { code: '1', floors: 3, layout: [ONE_BED, TWO_BED] } });
    expect(building.items.map((u) => `${u.building}-${u.number}`)).toEqual([
      '1-101',
      '1-102',
      '1-201',
      '1-202',
      '1-301',
      '1-302',
    ]);
    expect(building.items[1]).toMatchObject({
      floor: 1,
      ...TWO_BED,
      status: 'available',
      classId: 'SM:2BR:65',
      retiredAt: null,
    });
    for (const unit of building.items) unitNamed.set(`${unit.building}-${unit.number}`, unit);

    // One row clashes with an existing unit: nothing is added, not even building 2.
    const clash = await refusal(
      add({
        units: [
          { building: '2', number: '101', ...ONE_BED },
          { building: '1', number: '302', ...TWO_BED },
        ],
      }),
    );
    expect([clash.code, clash.type]).toEqual(['conflict', 'unit-exists']);
    expect(clash.errors).toEqual([
      expect.objectContaining({
        path: 'units.1',
        message: 'building 1, number 302 exists already',
      }),
    ]);
    const unreadable = await refusal(add({ units: [{ building: '2', number: 'PH', ...ONE_BED }] }));
    expect(unreadable.errors.map((e) => e.path)).toEqual(['units.0.floor']);
    expect(await listed()).toMatchObject({ buildings: 1, units: { total: 6 } });

    const list = await add({
      units: [
        { building: '2', number: '101', ...ONE_BED },
        { building: '2', number: 'G01', floor: 0, ...TWO_BED, monthlyRent: 1800.5 },
      ],
    });
    for (const unit of list.items) unitNamed.set(`${unit.building}-${unit.number}`, unit);
    expect(await listed()).toMatchObject({
      buildings: 2,
      units: { total: 8, byStatus: { available: 8, offered: 0, allocated: 0, unavailable: 0 } },
    });
    const page = await unitList.execute({ projectId: project.id, page: 1, pageSize: 20 });
    expect(page.total).toBe(8);
    expect(Object.keys(page.items[0]).sort()).toEqual([
      'areaSqm',
      'bedrooms',
      'building',
      'id',
      'monthlyRent',
      'number',
      'projectId',
      'status',
    ]);
    expect(page.items.find((u) => u.number === 'G01')).toMatchObject({ monthlyRent: 1800.5 });
  });

  it('edits rent, area and bedrooms, and moves a unit between available and unavailable', async () => {
    const edited = await change(officer, '1-101', { areaSqm: 46, monthlyRent: 1400 });
    expect(edited).toMatchObject({ areaSqm: 46, monthlyRent: 1400, classId: 'SM:1BR:46' });
    expect(await codes(change(talent, '1-101', { monthlyRent: 1 }))).toEqual([
      'forbidden',
      undefined,
    ]);
    expect(
      await codes(units.update(officer, { id: unknownId(), changes: { monthlyRent: 1 } })),
    ).toEqual(['not-found', undefined]);

    const down = await change(officer, '2-G01', {
      status: 'unavailable',
      reason: 'maintenance',
      note: NOTE,
    });
    expect(down).toMatchObject({ status: 'unavailable', unavailableReason: 'maintenance' });
    expect((await listed())?.units.byStatus).toMatchObject({ available: 7, unavailable: 1 });
    expect(await codes(change(officer, '2-G01', { status: 'allocated' }))).toEqual([
      'conflict',
      'unit-status',
    ]);
    const up = await change(admin, '2-G01', { status: 'available' });
    expect(up).toMatchObject({ status: 'available', unavailableReason: null });

    const record = await units.get(officer, unitNamed.get('2-G01')!.id);
    expect(record.history.map((h) => [h.action, h.reason])).toEqual([
      ['added', null],
      ['status-changed', 'maintenance'],
      ['status-changed', null],
    ]);
    expect(record.history[1]).toMatchObject({
      note: NOTE,
      actorId: officer.id,
      changes: { status: { from: 'available', to: 'unavailable' } },
    });
    expect(await codes(units.get(talent, record.id))).toEqual(['forbidden', undefined]);
  });

  it('keeps what a running round allocates by, and the terms of offered and let units', async () => {
    const application = await applications.create(talent, {
      talentTier: 'B',
      householdSize: 1,
      preferredProjectIds: [project.id],
      applicantName: '石小明',
    });
    const round = await rounds.create(officer, { projectIds: [project.id], seed: 'stock-1' });
    expect(round.offers).toHaveLength(1);
    const offered = [...unitNamed.entries()].find(([, u]) => u.id === round.offers[0].unitId)![0];
    // Every available unit of the project was frozen; one is offered, the rest wait for re-runs.
    const waiting = offered === '1-301' ? '1-201' : '1-301';

    expect(await codes(change(officer, offered, { monthlyRent: 1 }))).toEqual([
      'conflict',
      'unit-state',
    ]);
    expect(await codes(units.retire(officer, { id: unitNamed.get(offered)!.id }))).toEqual([
      'conflict',
      'unit-state',
    ]);
    for (const body of [{ bedrooms: 0 }, { status: 'unavailable', reason: 'reserved' }]) {
      const error = await refusal(change(officer, waiting, body));
      expect([error.code, error.type]).toEqual(['conflict', 'unit-in-round']);
      expect(error.message).toContain(round.id);
    }
    expect(await codes(units.retire(officer, { id: unitNamed.get(waiting)!.id }))).toEqual([
      'conflict',
      'unit-in-round',
    ]);
    expect(await codes(projects.retire(officer, { id: project.id }))).toEqual([
      'conflict',
      'project-state',
    ]);
    // The rent is no allocation input; a unit added after the freeze is in no round.
    expect(await change(officer, waiting, { monthlyRent: 1500 })).toMatchObject({
      monthlyRent: 1500,
    });
    const late = await add({ units: [{ building: '2', number: '102', ...ONE_BED }] });
    unitNamed.set('2-102', late.items[0]);
    expect(await change(officer, '2-102', { bedrooms: 0 })).toMatchObject({ classId: 'SM:0BR:45' });

    // Accepted: the round has no open offer left, so it is over; the let unit keeps its terms.
    await offers.accept(talent, round.offers[0].id);
    expect(
      await codes(change(officer, offered, { status: 'unavailable', reason: 'reserved' })),
    ).toEqual(['conflict', 'unit-state']);
    expect(await change(officer, waiting, { bedrooms: 1, areaSqm: 44 })).toMatchObject({
      classId: 'SM:1BR:44',
    });
    expect((await applications.get(talent, application.id)).status).toBe('housed');
    unitNamed.set('let', unitNamed.get(offered)!);
  });

  it('retires units and the project, keeping their records', async () => {
    const unit = unitNamed.get('1-202')!;
    expect(await codes(units.retire(talent, { id: unit.id }))).toEqual(['forbidden', undefined]);
    const retired = await units.retire(officer, { id: unit.id, note: 'merged into 1-201' });
    expect(retired).toMatchObject({ status: 'unavailable' });
    expect(retired.retiredAt).not.toBeNull();
    const before = await listed();
    expect(before).toMatchObject({ units: { total: 8 } });
    const page = await unitList.execute({ projectId: project.id, page: 1, pageSize: 50 });
    expect(page.items.map((u) => u.id)).not.toContain(unit.id);
    const record = await units.get(officer, unit.id);
    expect(record.history.at(-1)).toMatchObject({ action: 'retired', note: 'merged into 1-201' });
    expect(await codes(change(officer, '1-202', { monthlyRent: 1 }))).toEqual([
      'conflict',
      'unit-retired',
    ]);
    const again = await refusal(add({ units: [{ building: '1', number: '202', ...TWO_BED }] }));
    expect(again.errors[0].message).toBe('building 1, number 202 exists already (retired)');

    // A let unit holds the project until it is vacated.
    expect(await codes(projects.retire(officer, { id: project.id }))).toEqual([
      'conflict',
      'project-state',
    ]);
    await vacancies.execute(officer, unitNamed.get('let')!.id);
    const gone = await projects.retire(officer, { id: project.id, note: 'site redeveloped' });
    expect(gone.retiredAt).not.toBeNull();
    expect(gone.units.total).toBe(0);
    expect(await listed()).toBeUndefined();
    expect(await codes(unitList.execute({ projectId: project.id, page: 1, pageSize: 5 }))).toEqual([
      'not-found',
      undefined,
    ]);
    expect(await codes(add({ units: [{ building: '3', number: '101', ...ONE_BED }] }))).toEqual([
      'conflict',
      'project-retired',
    ]);
    expect(
      await codes(projects.update(officer, { id: project.id, changes: { name: 'x' } })),
    ).toEqual(['conflict', 'project-retired']);
    const reuse = await refusal(
      projects.create(officer, { code: 'SM', name: 'x', nameEn: 'x', address: '' }),
    );
    expect(reuse.message).toContain('retired');
    // The units stay on record, retired with the project.
    expect((await units.get(officer, unitNamed.get('1-101')!.id)).retiredAt).not.toBeNull();
  });

  it('publishes each change through the outbox as a public event naming nobody', async () => {
    const events = await stockEvents();
    expect([...new Set(events.map((e) => e.type))].sort()).toEqual([
      'housing.evt.project.created.v1',
      'housing.evt.project.retired.v1',
      'housing.evt.project.units-added.v1',
      'housing.evt.project.updated.v1',
      'housing.evt.unit.retired.v1',
      'housing.evt.unit.status-changed.v1',
      'housing.evt.unit.updated.v1',
    ]);
    const added = events.filter((e) => e.type === 'housing.evt.project.units-added.v1');
    expect(added.map((e) => (e.payload.data.units as unknown[]).length)).toEqual([6, 2, 1]);
    const updated = events.find((e) => e.type === 'housing.evt.project.updated.v1')!;
    expect(updated.payload.data.changed).toEqual(['address']);
    const statuses = events.filter((e) => e.type === 'housing.evt.unit.status-changed.v1');
    expect(statuses[0].payload.data).toMatchObject({
      from: 'available',
      to: 'unavailable',
      reason: 'maintenance',
    });
    const text = JSON.stringify(events);
    for (const secret of [
      officer.id,
      admin.id,
      talent.id,
      NOTE,
      '王先生',
      'merged into',
      '石小明',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('stock events reach JetStream through the relay', () => {
  const prefix = uniquePrefix('housing-stock');
  let opened: OpenedTestDatabase<HousingDB>;
  let app: TestingModule;

  beforeAll(async () => {
    // The EventsModule adds the messaging tables at init.
    opened = await openHousingDatabase({ messaging: false });
    app = await startEventsTestModule({
      service: 'housing',
      database: opened.database,
      prefix,
      providers: [ManageProjectsUseCase, AddUnitsUseCase, ManageUnitsUseCase],
    });
  });

  afterAll(() => stopEventsTestModule(app, prefix, opened));

  it('publishes project, unit addition and status change events on HOUSING_EVENTS', async () => {
    const created = await app
      .get(ManageProjectsUseCase)
      .create(officer, { code: 'NATS', name: '消息苑', nameEn: 'Message Court', address: '' });
    const { items } = await app.get(AddUnitsUseCase).execute(officer, {
      projectId: created.id,
      units: [{ building: '1', number: '101', ...ONE_BED }],
    });
    await app.get(ManageUnitsUseCase).update(officer, {
      id: items[0].id,
      changes: { status: 'unavailable', reason: 'reserved' },
    });

    const nc = await connect({ servers: testNatsUrl(), noAsyncTraces: true });
    try {
      const jsm = await nc.jetstreamManager();
      const stream = prefixStreamName(prefix, STREAMS.HOUSING_EVENTS.name);
      const types = await waitFor(
        async () => {
          const { state } = await jsm.streams.info(stream);
          if (state.messages < 3) return undefined;
          const found: string[] = [];
          for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
            const message = await jsm.streams.getMessage(stream, { seq });
            found.push(message.json<{ type: string; subject: string }>().type);
          }
          return found;
        },
        { timeoutMs: 20_000, what: 'the stock events on JetStream' },
      );
      expect(types).toEqual([
        'housing.evt.project.created.v1',
        'housing.evt.project.units-added.v1',
        'housing.evt.unit.status-changed.v1',
      ]);
    } finally {
      await nc.close();
    }
  });
});

function unknownId(): string {
  return '00000000-0000-4000-8000-000000000000';
}
