import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { TestingModule } from '@nestjs/testing';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { EventContract } from '@gm/shared-contracts';
import { stableId, type Identity } from '@gm/shared-contracts';
import {
  deliverEvent,
  startEventsTestModule,
  stopEventsTestModule,
} from '@gm/shared-service-testing';
import { openTestDatabase, uniquePrefix, type OpenedTestDatabase } from '@gm/shared-testing';
import {
  ApplicationLinked,
  ApplicationLinkFailed,
  OfferAccepted,
  type OfferEventData,
} from '@gm/housing-contracts';
import { triageMigrations, type TriageDB } from '@gm/triage-data-access';
import { DEFAULT_TRIAGE_SETTINGS, TRIAGE_SETTINGS } from '../config/triage-config.js';
import { CreateTicketUseCase } from '../tickets/create-ticket.use-case.js';
import { DuplicateSuggestions } from '../tickets/duplicate-suggestions.js';
import { TicketCommandsUseCase } from '../tickets/ticket-commands.use-case.js';
import { ticketRuntimeProviders } from '../tickets/ticket-runtime.js';
import { TicketWorkflow } from '../tickets/ticket-workflow.js';
import { SeedDemoReferenceDataUseCase } from '../use-cases/seed-demo-reference-data.use-case.js';
import { HOUSING_APPLICATION_LINK, HousingHandoffHandler } from './housing-handoff.handler.js';

jest.setTimeout(60_000);

const HOUSING = stableId('department', 'housing');
const CZ = stableId('housing-project', 'CZ');
const person = (username: string, roles: Identity['roles'], departmentId?: string): Identity => ({
  id: stableId('user', username),
  username,
  roles,
  ...(departmentId ? { departmentId } : {}),
});
const talent = person('talent1', ['talent']);
const convener = person('convener1', ['convener']);
const officer = person('housing.officer', ['department-officer'], HOUSING);

describe('the triage side of the housing hand-off, on PostgreSQL and NATS', () => {
  const prefix = uniquePrefix('handoff-triage');
  let opened: OpenedTestDatabase<TriageDB>;
  let app: TestingModule;
  let commands: TicketCommandsUseCase;
  const db = () => opened.database.db;

  /** Publishes a housing event through the outbox and waits until its consumer handled it. */
  async function deliver<D extends z.ZodType>(
    contract: EventContract<D>,
    data: z.input<D>,
  ): Promise<void> {
    await deliverEvent(app, contract, data, { subject: uuidv7() });
  }

  async function assignedTicket(): Promise<string> {
    const { id } = await app.get(CreateTicketUseCase).execute(talent, {
      title: '申请人才房',
      description: '希望入住长圳人才社区',
      category: 'housing',
      details: { talentTier: 'B', householdSize: 2, preferredProjectIds: [CZ] },
    });
    await commands.assign(convener, { id, departmentId: HOUSING });
    return id;
  }

  const linked = (
    ticketId: string,
    applicationId: string,
  ): z.output<typeof ApplicationLinked.data> => ({
    applicationId,
    applicantId: talent.id,
    talentTier: 'B',
    householdSize: 2,
    preferredProjectIds: [CZ],
    points: 100,
    baseDate: '2026-03-02',
    status: 'active',
    ticketId,
    created: true,
    at: new Date().toISOString(),
  });

  const accepted = (ticketId: string, applicationId: string): OfferEventData => ({
    offerId: uuidv7(),
    roundId: uuidv7(),
    applicationId,
    applicantId: talent.id,
    ticketId,
    unitId: uuidv7(),
    unitCode: 'CZ-3-1204',
    projectId: CZ,
    projectName: '长圳人才社区',
    projectNameEn: 'Changzhen Talent Community',
    classId: 'CZ/2br',
    status: 'accepted',
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    at: new Date().toISOString(),
  });

  const ticket = (id: string) => app.get(TicketWorkflow).load(db(), id);
  const transitions = async (id: string) => (await ticket(id)).history.map((h) => h.transition);
  const count = (list: string[], what: string) => list.filter((t) => t === what).length;

  beforeAll(async () => {
    opened = await openTestDatabase<TriageDB>({
      service: 'triage',
      schema: 'triage',
      migrations: triageMigrations,
    });
    await new SeedDemoReferenceDataUseCase(opened.database).execute();
    app = await startEventsTestModule({
      service: 'triage',
      database: opened.database,
      prefix,
      providers: [
        { provide: TRIAGE_SETTINGS, useValue: DEFAULT_TRIAGE_SETTINGS },
        ...ticketRuntimeProviders,
        TicketWorkflow,
        DuplicateSuggestions,
        TicketCommandsUseCase,
        CreateTicketUseCase,
        HousingHandoffHandler,
      ],
    });
    commands = app.get(TicketCommandsUseCase);
  });

  afterAll(() => stopEventsTestModule(app, prefix, opened));

  it('links the application once, then resolves the ticket naming the unit once', async () => {
    const id = await assignedTicket();
    const applicationId = uuidv7();
    await deliver(ApplicationLinked, linked(id, applicationId));
    await deliver(ApplicationLinked, linked(id, applicationId));
    expect((await ticket(id)).links).toEqual([
      { kind: HOUSING_APPLICATION_LINK, id: applicationId },
    ]);
    expect(count(await transitions(id), 'linked')).toBe(1);

    // Not yet signed for by the department: the system signs for it, then resolves.
    const offer = accepted(id, applicationId);
    await deliver(OfferAccepted, offer);
    await deliver(OfferAccepted, { ...offer, at: new Date().toISOString() });
    const resolved = await ticket(id);
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolution).toContain('长圳人才社区 CZ-3-1204');
    expect(resolved.resolution).toContain('accepted talent housing unit CZ-3-1204');
    const history = resolved.history.map((h) => [h.transition, h.actorId]);
    expect(history.filter(([t]) => t === 'accepted' || t === 'resolved')).toEqual([
      ['accepted', 'system:housing'],
      ['resolved', 'system:housing'],
    ]);
    expect(resolved.links).toHaveLength(1);

    await commands.confirm(talent, { id, solved: true, satisfaction: 'satisfied' });
    expect((await ticket(id)).status).toBe('closed');
  });

  it('resolves from the offer alone when it arrives before the link (reordered)', async () => {
    const id = await assignedTicket();
    await commands.accept(officer, id);
    const applicationId = uuidv7();
    await deliver(OfferAccepted, accepted(id, applicationId));
    await deliver(ApplicationLinked, linked(id, applicationId));
    const resolved = await ticket(id);
    expect(resolved.status).toBe('resolved');
    expect(resolved.links).toEqual([{ kind: HOUSING_APPLICATION_LINK, id: applicationId }]);
    expect(count(await transitions(id), 'linked')).toBe(1);
    expect(count(await transitions(id), 'resolved')).toBe(1);
  });

  it('records a failed link, and an offer it may not resolve from, without changing the state', async () => {
    const id = await assignedTicket();
    await deliver(ApplicationLinkFailed, {
      ticketId: id,
      applicantId: talent.id,
      reason: 'ineligible',
      errors: [{ path: 'talentTier', message: 'unknown tier', code: 'eligibility.tier' }],
      applicationId: null,
      at: new Date().toISOString(),
    });
    await commands.return(officer, { id, reason: '不属本部门', basis: '职责清单' });
    await deliver(OfferAccepted, accepted(id, uuidv7()));
    const after = await ticket(id);
    expect(after.status).toBe('returned');
    const failures = after.history.filter((h) => h.transition === 'handoff-failed');
    expect(failures.map((h) => h.note?.reason)).toEqual(['ineligible', 'resolve-refused']);
    expect(failures[0].note).toMatchObject({
      errors: [expect.objectContaining({ code: 'eligibility.tier' })],
    });
  });
});
