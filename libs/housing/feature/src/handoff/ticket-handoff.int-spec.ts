import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { TestingModule } from '@nestjs/testing';
import { v7 as uuidv7 } from 'uuid';
import { stableId, type Identity } from '@gm/shared-contracts';
import { inTransaction } from '@gm/shared-db';
import { Outbox } from '@gm/shared-messaging';
import {
  deliverEvent,
  startEventsTestModule,
  stopEventsTestModule,
} from '@gm/shared-service-testing';
import { uniquePrefix, type OpenedTestDatabase } from '@gm/shared-testing';
import type { HousingDB } from '@gm/housing-data-access';
import { DEFAULT_HOUSING_POLICY, shanghaiDay } from '@gm/housing-domain';
import { TICKET_EVENTS, type TicketEventData } from '@gm/triage-contracts';
import { ApplicationsUseCase } from '../applications/applications.use-case.js';
import { openHousingDatabase, outboxEvents, person } from '../housing.test-support.js';
import { HOUSING_MODULE_OPTIONS } from '../seed/demo-seed.runner.js';
import { HousingSettings } from '../settings.js';
import { SeedDemoHousingUseCase } from '../use-cases/seed-demo-housing.use-case.js';
import { HOUSING_DEPARTMENT_ID, TicketHandoffHandler } from './ticket-handoff.handler.js';

jest.setTimeout(60_000);

const CZ = stableId('housing-project', 'CZ');
const GMC = stableId('housing-project', 'GMC');
const talent = (username: string) => person(username, ['talent']);

describe('the housing side of the ticket hand-off, on PostgreSQL and NATS', () => {
  const prefix = uniquePrefix('handoff-housing');
  let opened: OpenedTestDatabase<HousingDB>;
  let app: TestingModule;
  const db = () => opened.database.db;

  const ticket = (requester: Identity, patch: Partial<TicketEventData> = {}): TicketEventData => ({
    ticketId: uuidv7(),
    number: 'WZH-2026-000001',
    category: 'housing',
    transition: 'assigned',
    fromStatus: 'submitted',
    status: 'assigned',
    requesterId: requester.id,
    departmentId: HOUSING_DEPARTMENT_ID,
    assistingDepartmentIds: [],
    dueAt: null,
    overdue: false,
    escalated: false,
    redoCount: 0,
    actorId: stableId('user', 'convener1'),
    at: new Date().toISOString(),
    details: { talentTier: 'B', householdSize: 2, preferredProjectIds: [CZ, GMC] },
    note: null,
    ...patch,
  });

  /** Publishes the event through the outbox and waits until the hand-off consumer handled it. */
  async function deliver(data: TicketEventData): Promise<void> {
    await deliverEvent(app, TICKET_EVENTS[data.transition], data, { subject: data.ticketId });
  }

  const reported = async (ticketId: string) =>
    (await outboxEvents(db()))
      .filter(
        (r) =>
          r.type.startsWith('housing.evt.application.') && r.payload.data.ticketId === ticketId,
      )
      .map((r) => ({ type: r.type, data: r.payload.data }));

  beforeAll(async () => {
    // The EventsModule adds the messaging tables at init.
    opened = await openHousingDatabase({ messaging: false });
    await new SeedDemoHousingUseCase(opened.database).execute();
    app = await startEventsTestModule({
      service: 'housing',
      database: opened.database,
      prefix,
      providers: [
        { provide: HOUSING_MODULE_OPTIONS, useValue: { seedDemoData: false } },
        HousingSettings,
        ApplicationsUseCase,
        TicketHandoffHandler,
      ],
    });
  });

  afterAll(() => stopEventsTestModule(app, prefix, opened));

  it('opens the requester application from the details once, however often the ticket arrives', async () => {
    const wang = talent('handoff.wang');
    const assigned = ticket(wang);
    await deliver(assigned);
    // The same hand-off again (a second event), and as a redispatch to housing: no second effect.
    await deliver(assigned);
    await deliver({ ...assigned, transition: 'redispatched', fromStatus: 'returned' });

    const rows = await db()
      .selectFrom('applications')
      .selectAll()
      .where('applicant_id', '=', wang.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      ticket_id: assigned.ticketId,
      talent_tier: 'B',
      household_size: 2,
      preferred_project_ids: [CZ, GMC],
      status: 'active',
    });
    expect(await reported(assigned.ticketId)).toEqual([
      {
        type: 'housing.evt.application.submitted.v1',
        data: expect.objectContaining({ applicationId: rows[0].id }),
      },
      {
        type: 'housing.evt.application.linked.v1',
        data: expect.objectContaining({
          ticketId: assigned.ticketId,
          applicationId: rows[0].id,
          applicantId: wang.id,
          created: true,
        }),
      },
    ]);
  });

  it("carries the applicant's name from the details and dates the application by the ticket's submission", async () => {
    const zhao = talent('handoff.zhao');
    // Submitted ten days before the convener assigned it.
    const submittedAt = new Date(Date.now() - 10 * 86_400_000);
    const assigned = ticket(zhao, {
      submittedAt: submittedAt.toISOString(),
      details: {
        talentTier: 'B',
        householdSize: 1,
        preferredProjectIds: [GMC],
        applicantName: '赵小满',
        socialInsuranceSince: '2018-09-01',
      },
    });
    await deliver(assigned);
    const row = await db()
      .selectFrom('applications')
      .selectAll()
      .where('ticket_id', '=', assigned.ticketId)
      .executeTakeFirstOrThrow();
    // The published policy dates by submission: the ticket's day, not the hand-off's.
    expect(row).toMatchObject({
      applicant_name: '赵小满',
      base_date: shanghaiDay(submittedAt),
      social_insurance_since: '2018-09-01',
    });
    expect(row.base_date).not.toBe(shanghaiDay(new Date()));
    // The name stays out of every event.
    expect(JSON.stringify(await reported(assigned.ticketId))).not.toContain('赵小满');

    // Under a policy dating by the declared hukou / social-insurance start, that date counts.
    const declared = new HousingSettings({
      seedDemoData: false,
      policy: { ...DEFAULT_HOUSING_POLICY, baseDate: { source: 'social-insurance-since' } },
    });
    const handler = new TicketHandoffHandler(
      new ApplicationsUseCase(opened.database, app.get(Outbox), declared),
      app.get(Outbox),
    );
    const qian = talent('handoff.qian');
    const second = ticket(qian, {
      submittedAt: submittedAt.toISOString(),
      details: { ...assigned.details, applicantName: '钱多多' },
    });
    await inTransaction(db(), (trx) => handler.handOff(trx, second, new Date()));
    expect(
      await db()
        .selectFrom('applications')
        .select(['applicant_name', 'base_date'])
        .where('ticket_id', '=', second.ticketId)
        .executeTakeFirstOrThrow(),
    ).toEqual({ applicant_name: '钱多多', base_date: '2018-09-01' });
  });

  it('links the application already in play instead of opening a second one', async () => {
    const li = talent('handoff.li');
    const existing = await app
      .get(ApplicationsUseCase)
      .create(li, { talentTier: 'B', householdSize: 1, preferredProjectIds: [GMC] });
    const assigned = ticket(li);
    await deliver(assigned);
    await deliver(assigned);

    const rows = await db()
      .selectFrom('applications')
      .selectAll()
      .where('applicant_id', '=', li.id)
      .execute();
    expect(rows.map((r) => [r.id, r.ticket_id])).toEqual([[existing.id, assigned.ticketId]]);
    expect(await reported(assigned.ticketId)).toEqual([
      {
        type: 'housing.evt.application.linked.v1',
        data: expect.objectContaining({ applicationId: existing.id, created: false }),
      },
    ]);
  });

  it('reports details it cannot use and ignores tickets of other categories or departments', async () => {
    const chen = talent('handoff.chen');
    const invalid = ticket(chen, { details: { talentTier: 'B', householdSize: 0 } });
    await deliver(invalid);
    const ineligible = ticket(chen, {
      details: { talentTier: 'Z', householdSize: 1, preferredProjectIds: [GMC] },
    });
    await deliver(ineligible);
    const elsewhere = ticket(chen, { departmentId: stableId('department', 'traffic') });
    await deliver(elsewhere);
    const otherCategory = ticket(chen, { category: 'lab-space' });
    await deliver(otherCategory);

    expect(await reported(invalid.ticketId)).toEqual([
      {
        type: 'housing.evt.application.link-failed.v1',
        data: expect.objectContaining({
          reason: 'invalid-details',
          applicationId: null,
          errors: expect.arrayContaining([
            expect.objectContaining({ path: 'details.householdSize' }),
            expect.objectContaining({ path: 'details.preferredProjectIds' }),
          ]),
        }),
      },
    ]);
    expect(await reported(ineligible.ticketId)).toEqual([
      {
        type: 'housing.evt.application.link-failed.v1',
        data: expect.objectContaining({
          reason: 'ineligible',
          errors: [expect.objectContaining({ code: expect.stringMatching(/^eligibility\./) })],
        }),
      },
    ]);
    expect(await reported(elsewhere.ticketId)).toEqual([]);
    expect(await reported(otherCategory.ticketId)).toEqual([]);
    const rows = await db()
      .selectFrom('applications')
      .select('id')
      .where('applicant_id', '=', chen.id)
      .execute();
    expect(rows).toEqual([]);
  });
});
