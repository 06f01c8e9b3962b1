import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { sql } from 'kysely';
import { stableId, type Identity } from '@gm/shared-contracts';
import { createDatabase, migrateToLatest, type Database } from '@gm/shared-db';
import { MESSAGING_MIGRATION_TABLE, messagingMigrations, Outbox } from '@gm/shared-messaging';
import { openTestDatabase, type OpenedTestDatabase } from '@gm/shared-testing';
import { triageMigrations, type TriageDB } from '@gm/triage-data-access';
import { chinaWorkingCalendar } from '@gm/triage-domain';
import { DEFAULT_TRIAGE_SETTINGS, type TriageSettings } from '../config/triage-config.js';
import { CreateTicketUseCase } from '../tickets/create-ticket.use-case.js';
import { DuplicateSuggestions } from '../tickets/duplicate-suggestions.js';
import { TicketCommandsUseCase } from '../tickets/ticket-commands.use-case.js';
import { TicketWorkflow } from '../tickets/ticket-workflow.js';
import { SeedDemoReferenceDataUseCase } from '../use-cases/seed-demo-reference-data.use-case.js';
import { SuperviseTicketsUseCase } from './supervise-tickets.use-case.js';

jest.setTimeout(60_000);

const person = (username: string, roles: Identity['roles'], departmentId?: string): Identity => ({
  id: stableId('user', username),
  username,
  roles,
  ...(departmentId ? { departmentId } : {}),
});
const TRAFFIC = stableId('department', 'traffic');
const talent = person('talent1', ['talent']);
const convener = person('convener1', ['convener']);
const officer = person('officer.traffic', ['department-officer'], TRAFFIC);

const local = (time: string) => new Date(`${time}+08:00`);
/** Small batches, so two replicas interleave their claims. */
const settings: TriageSettings = {
  ...DEFAULT_TRIAGE_SETTINGS,
  supervision: { ...DEFAULT_TRIAGE_SETTINGS.supervision, batchSize: 4 },
};
const OPEN_TICKETS = 20;

describe('the supervision scheduler (督办) on PostgreSQL, as two replicas', () => {
  let opened: OpenedTestDatabase<TriageDB>;
  const extra: Database<TriageDB>[] = [];
  let now = local('2026-10-12T09:00:00'); // a Monday
  const clock = () => now;
  const outbox = new Outbox('/guangming/triage');
  const calendar = chinaWorkingCalendar();
  let resolvedId: string;

  /** A scheduler replica with its own connection pool, as a separate process would have. */
  async function replica(): Promise<SuperviseTicketsUseCase> {
    const database = await createDatabase<TriageDB>({
      service: 'triage',
      schema: 'triage',
      databaseUrl: opened.url,
      poolSize: 3,
    });
    extra.push(database);
    const workflow = new TicketWorkflow(database, outbox, clock);
    return new SuperviseTicketsUseCase(workflow, calendar, clock, settings);
  }

  /** How many times each ticket went through `transition`, in its history and its events. */
  async function perTicket(transition: string): Promise<Map<string, [number, number]>> {
    const history = await opened.database.db
      .selectFrom('ticket_history')
      .select(['ticket_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('transition', '=', transition)
      .groupBy('ticket_id')
      .execute();
    const { rows: events } = await sql<{ subject: string; n: number }>`
      SELECT subject, count(*)::int AS n FROM outbox
      WHERE type = ${`triage.evt.ticket.${transition}.v1`} GROUP BY subject`.execute(
      opened.database.db,
    );
    const counts = new Map<string, [number, number]>();
    for (const h of history) counts.set(h.ticket_id, [Number(h.n), 0]);
    for (const e of events) counts.set(e.subject, [counts.get(e.subject)?.[0] ?? 0, e.n]);
    return counts;
  }

  let open: string[] = [];
  let resolve: () => Promise<unknown>;
  let create: CreateTicketUseCase;
  let commands: TicketCommandsUseCase;

  beforeAll(async () => {
    opened = await openTestDatabase<TriageDB>({
      service: 'triage',
      schema: 'triage',
      migrations: triageMigrations,
    });
    await migrateToLatest(opened.database, messagingMigrations, {
      table: MESSAGING_MIGRATION_TABLE,
    });
    await new SeedDemoReferenceDataUseCase(opened.database).execute();
    const workflow = new TicketWorkflow(opened.database, outbox, clock);
    const duplicates = new DuplicateSuggestions(outbox, clock, settings);
    create = new CreateTicketUseCase(workflow, clock, duplicates);
    commands = new TicketCommandsUseCase(workflow, calendar, clock, settings, duplicates);
    const dueAt = local('2026-10-14T23:59:59.999').toISOString(); // the end of Wednesday
    const ids: string[] = [];
    for (let i = 0; i <= OPEN_TICKETS; i++) {
      const { id } = await create.execute(talent, {
        title: `车牌申请 ${i}`,
        description: '为新入职研究员申请车辆通行证',
        category: 'vehicle-permit',
        details: { reason: '通勤' },
      });
      await commands.assign(convener, { id, departmentId: TRAFFIC, dueAt });
      await commands.accept(officer, id);
      // Contacted at once: these tickets have no contact reminder (see the last test for one).
      await commands.contact(officer, { id, channel: 'phone', note: '已电话联系' });
      ids.push(id);
    }
    resolvedId = ids.pop()!;
    open = ids;
    resolve = () => commands.resolve(officer, { id: resolvedId, resolution: '已办结' });
  });

  afterAll(async () => {
    for (const database of extra) await database.close();
    await opened?.cleanup();
  });

  it('reminds each open ticket once the day before its deadline, whichever replica runs', async () => {
    const [a, b] = [await replica(), await replica()];
    now = local('2026-10-13T12:00:00');
    const early = await Promise.all([a.execute(), b.execute()]);
    expect(early.reduce((n, r) => n + r.applied, 0)).toBe(0); // the reminder is due at the end of Tuesday
    expect(early.reduce((n, r) => n + r.planned, 0)).toBe(3 * (OPEN_TICKETS + 1)); // written once
    await resolve(); // after its ladder was written: its rungs lapse

    now = local('2026-10-14T10:00:00');
    const runs = await Promise.all([a.execute(), b.execute(), a.execute(), b.execute()]);
    expect(runs.reduce((n, r) => n + r.applied, 0)).toBe(OPEN_TICKETS);
    const reminded = await perTicket('reminded');
    expect([...reminded.keys()].sort()).toEqual([...open].sort());
    expect([...reminded.values()].every(([h, e]) => h === 1 && e === 1)).toBe(true);
    expect((await perTicket('overdue')).size).toBe(0);
  });

  it('flags each open ticket overdue once after its deadline; the resolved one lapses', async () => {
    const [a, b] = [await replica(), await replica()];
    now = local('2026-10-15T09:00:00');
    const runs = await Promise.all([a.execute(), b.execute(), a.execute(), b.execute()]);
    expect(runs.reduce((n, r) => n + r.applied, 0)).toBe(OPEN_TICKETS);
    const overdue = await perTicket('overdue');
    expect([...overdue.keys()].sort()).toEqual([...open].sort());
    expect([...overdue.values()].every(([h, e]) => h === 1 && e === 1)).toBe(true);
    expect([...(await perTicket('reminded')).values()].every(([h]) => h === 1)).toBe(true);
    const flagged = await opened.database.db
      .selectFrom('tickets')
      .select(['id', 'overdue'])
      .where('overdue', '=', true)
      .execute();
    expect(flagged).toHaveLength(OPEN_TICKETS);
    expect(flagged.some((t) => t.id === resolvedId)).toBe(false);
  });

  it('after a restart, new replicas escalate once, repeat nothing and lose nothing', async () => {
    // The old replicas are gone; what was due while nobody ran is caught up by the new ones.
    for (const database of extra.splice(0)) await database.close();
    const [c, d] = [await replica(), await replica()];
    now = local('2026-10-19T09:00:00'); // Monday: the escalation was due at the end of Thursday
    const runs = await Promise.all([c.execute(), d.execute(), c.execute(), d.execute()]);
    expect(runs.reduce((n, r) => n + r.planned, 0)).toBe(0);
    expect(runs.reduce((n, r) => n + r.applied, 0)).toBe(OPEN_TICKETS);
    const escalated = await perTicket('escalated');
    expect([...escalated.keys()].sort()).toEqual([...open].sort());
    expect([...escalated.values()].every(([h, e]) => h === 1 && e === 1)).toBe(true);
    const events = await sql<{ type: string; n: number }>`
      SELECT type, count(*)::int AS n FROM outbox WHERE type ~ '(reminded|overdue|escalated)'
      GROUP BY type ORDER BY type`.execute(opened.database.db);
    expect(events.rows).toEqual([
      { type: 'triage.evt.ticket.escalated.v1', n: OPEN_TICKETS },
      { type: 'triage.evt.ticket.overdue.v1', n: OPEN_TICKETS },
      { type: 'triage.evt.ticket.reminded.v1', n: OPEN_TICKETS },
    ]);
    const pending = await opened.database.db
      .selectFrom('supervision_actions')
      .select(['ticket_id', 'kind', 'outcome'])
      .where((eb) => eb.or([eb('done_at', 'is', null), eb('ticket_id', '=', resolvedId)]))
      .orderBy('kind')
      .execute();
    expect(pending).toEqual([
      { ticket_id: resolvedId, kind: 'escalate', outcome: 'lapsed: ticket is resolved' },
      { ticket_id: resolvedId, kind: 'overdue', outcome: 'lapsed: ticket is resolved' },
      { ticket_id: resolvedId, kind: 'remind', outcome: 'lapsed: ticket is resolved' },
    ]);
    expect(await c.execute()).toEqual({ planned: 0, applied: 0, lapsed: 0 });
  });

  it('tells the convener: the escalation event names the scheduler, the rung and the deadline', async () => {
    const escalatedEvent = await sql<{ payload: { data: Record<string, unknown> } }>`
      SELECT payload FROM outbox WHERE type = 'triage.evt.ticket.escalated.v1' LIMIT 1`.execute(
      opened.database.db,
    );
    expect(escalatedEvent.rows[0]!.payload.data).toMatchObject({
      actorId: 'system:supervision',
      escalated: true,
      overdue: true,
      note: { rung: 'escalate', to: 'convener', deadline: '2026-10-14T15:59:59.999Z' },
    });
  });

  it('reminds a department that has not contacted the requester, once, before the response deadline', async () => {
    const [a, b] = [await replica(), await replica()];
    now = local('2026-10-20T09:00:00'); // Tuesday: the response deadline is the end of Wednesday
    const dueAt = local('2026-11-30T23:59:59.999').toISOString();
    const raise = async (title: string, steps: ('accept' | 'contact')[]) => {
      const { id } = await create.execute(talent, {
        title,
        description: '研究员车辆通行证',
        category: 'vehicle-permit',
        details: { reason: '通勤' },
      });
      await commands.assign(convener, { id, departmentId: TRAFFIC, dueAt });
      if (steps.includes('accept')) await commands.accept(officer, id);
      if (steps.includes('contact')) {
        await commands.contact(officer, { id, channel: 'visit', note: '上门沟通' });
      }
      return id;
    };
    await raise('已联系', ['accept', 'contact']);
    const signedFor = await raise('已签收未联系', ['accept']);
    const notSignedFor = await raise('未签收', []);
    const contactedLate = await raise('提醒前联系', ['accept']);

    const planned = await Promise.all([a.execute(), b.execute()]);
    expect(planned.reduce((n, r) => n + r.applied, 0)).toBe(0); // due at the end of Tuesday
    const rungs = await opened.database.db
      .selectFrom('supervision_actions')
      .select(['ticket_id', 'due_at', 'deadline'])
      .where('kind', '=', 'contact-remind')
      .execute();
    expect(rungs.map((r) => r.ticket_id).sort()).toEqual(
      [signedFor, notSignedFor, contactedLate].sort(),
    );
    expect(rungs[0]).toMatchObject({
      due_at: new Date('2026-10-20T15:59:59.999Z'),
      deadline: new Date('2026-10-21T15:59:59.999Z'),
    });
    await commands.contact(officer, { id: contactedLate, channel: 'phone', note: '已联系' });

    now = local('2026-10-21T09:00:00');
    const runs = await Promise.all([a.execute(), b.execute(), a.execute(), b.execute()]);
    expect(runs.reduce((n, r) => n + r.applied, 0)).toBe(2);
    const reminded = await opened.database.db
      .selectFrom('ticket_history')
      .select(['ticket_id', 'note'])
      .where('transition', '=', 'reminded')
      .where('ticket_id', 'in', [signedFor, notSignedFor, contactedLate])
      .execute();
    expect(reminded.map((r) => r.ticket_id).sort()).toEqual([signedFor, notSignedFor].sort());
    expect(reminded[0]!.note).toMatchObject({
      rung: 'contact-remind',
      deadline: '2026-10-21T15:59:59.999Z',
    });
    const lapsed = await opened.database.db
      .selectFrom('supervision_actions')
      .select('outcome')
      .where('ticket_id', '=', contactedLate)
      .where('kind', '=', 'contact-remind')
      .executeTakeFirstOrThrow();
    expect(lapsed.outcome).toBe('lapsed: contacted already');

    now = local('2026-10-22T09:00:00'); // past the response deadline: nothing more
    expect((await a.execute()).applied).toBe(0);
  });
});
