import { Inject, Injectable } from '@nestjs/common';
import { stableId, type Identity } from '@gm/shared-contracts';
import { inTransaction } from '@gm/shared-db';
import { Outbox } from '@gm/shared-messaging';
import type { CreateTicketBody, ItemOutcome, Satisfaction } from '@gm/triage-contracts';
import { insertSessionIfAbsent, listItems, recordAgendaOutcome } from '@gm/triage-data-access';
import { shanghaiDate, type WorkingCalendar } from '@gm/triage-domain';
import { TRIAGE_SETTINGS, type TriageSettings } from '../config/triage-config.js';
import { InjectTriageDatabase, type TriageDatabase } from '../database.js';
import { CreateTicketUseCase } from '../tickets/create-ticket.use-case.js';
import { DuplicateSuggestions } from '../tickets/duplicate-suggestions.js';
import { TicketItemsUseCase } from '../tickets/ticket-items.use-case.js';
import { SessionsUseCase } from '../tickets/sessions.use-case.js';
import { TicketCommandsUseCase } from '../tickets/ticket-commands.use-case.js';
import { TRIAGE_CLOCK, WORKING_CALENDAR, type Clock } from '../tickets/ticket-runtime.js';
import { TicketWorkflow } from '../tickets/ticket-workflow.js';

/** The demo's past 问诊会 session: one id, so seeding twice finds it. */
export const DEMO_SESSION_ID = stableId('triage-session', 'demo-past-session');

const user = (username: string, roles: Identity['roles'], department?: string): Identity => ({
  id: stableId('user', username),
  username,
  roles,
  ...(department ? { departmentId: stableId('department', department) } : {}),
});
const CONVENER = user('convener1', ['convener']);
const REQUESTERS = {
  talent1: user('talent1', ['talent']),
  enterprise1: user('enterprise1', ['enterprise']),
  researcher1: user('researcher1', ['researcher']),
};
const officer = (department: string) =>
  user(`officer.${department}`, ['department-officer'], department);

/** One step of a demo ticket's life: on the n-th working day after the session, at an hour. */
type Step =
  | { day: number; hour: number; do: 'accept' | 'resolve' }
  | { day: number; hour: number; do: 'contact'; channel: 'phone' | 'visit' | 'message' }
  /** Settles the ticket's items [from, to) in one request. */
  | { day: number; hour: number; do: 'resolve-items'; from: number; to: number }
  | { day: number; hour: number; do: 'return' }
  | { day: number; hour: number; do: 'redispatch'; to: string }
  | { day: number; hour: number; do: 'confirm'; solved: boolean; satisfaction: Satisfaction };

interface DemoTicket {
  requester: keyof typeof REQUESTERS;
  category: CreateTicketBody['category'];
  department: string;
  title: string;
  details?: Record<string, unknown>;
  items?: CreateTicketBody['items'];
  steps: Step[];
}

/** Non-local plates of 24 researchers: one ticket, one item each (the 400-plate case, smaller). */
const DEMO_PLATES = Array.from(
  { length: 24 },
  (_, i) => `${['湘A', '鄂B', '赣C', '桂D'][i % 4]}·${String(20_417 + i * 37).padStart(5, '0')}`,
);

/** How the traffic brigade settles the i-th plate: most granted, a few refused or withdrawn. */
function demoItemDecision(i: number): { outcome: ItemOutcome; reply: string; basis?: string } {
  if (i % 8 === 5) {
    return {
      outcome: 'refused',
      reply: '车辆登记所有人非申请研究员本人，不予办理',
      basis: '深圳市外地车辆通行管理规定第五条',
    };
  }
  if (i === 23) return { outcome: 'withdrawn', reply: '申请人已调离，撤回申请' };
  return {
    outcome: 'granted',
    reply: '准予办理，通行证有效期一年',
    basis: '光明区人才服务通行便利措施',
  };
}

const ok = (day: number): Step[] => [
  { day, hour: 10, do: 'accept' },
  { day, hour: 15, do: 'contact', channel: 'phone' },
  { day: day + 2, hour: 16, do: 'resolve' },
  { day: day + 3, hour: 11, do: 'confirm', solved: true, satisfaction: 'satisfied' },
];

const DEMO_TICKETS: DemoTicket[] = [
  {
    requester: 'researcher1',
    category: 'vehicle-permit',
    department: 'traffic',
    title: '外地牌照研究员车辆通行证',
    details: { reason: '通勤至光明科学城实验室' },
    steps: ok(0),
  },
  {
    requester: 'enterprise1',
    category: 'vehicle-permit',
    department: 'traffic',
    title: '企业设备运输车辆临时通行',
    details: { reason: '大型仪器运输' },
    steps: [
      { day: 0, hour: 15, do: 'accept' },
      { day: 0, hour: 16, do: 'contact', channel: 'phone' },
      { day: 9, hour: 10, do: 'resolve' }, // after the 5-working-day deadline
      { day: 10, hour: 9, do: 'confirm', solved: true, satisfaction: 'basically-satisfied' },
    ],
  },
  {
    requester: 'enterprise1',
    category: 'lab-space',
    department: 'science',
    title: '中试实验室场地需求',
    details: { areaSqm: 800, purpose: '中试生产线' },
    steps: [
      { day: 3, hour: 10, do: 'accept' }, // past the response deadline
      { day: 3, hour: 14, do: 'contact', channel: 'visit' },
      { day: 6, hour: 16, do: 'resolve' },
      { day: 7, hour: 11, do: 'confirm', solved: true, satisfaction: 'basically-satisfied' },
    ],
  },
  {
    requester: 'talent1',
    category: 'talent-service',
    department: 'hr',
    title: '高层次人才认定进度',
    details: { service: 'certification', talentTier: 'B' },
    steps: [
      { day: 0, hour: 11, do: 'accept' },
      { day: 1, hour: 10, do: 'contact', channel: 'message' },
      { day: 2, hour: 16, do: 'resolve' },
      { day: 3, hour: 10, do: 'confirm', solved: false, satisfaction: 'unsatisfied' }, // 重办
      { day: 5, hour: 16, do: 'resolve' },
      { day: 6, hour: 10, do: 'confirm', solved: true, satisfaction: 'satisfied' },
    ],
  },
  {
    requester: 'talent1',
    category: 'school-place',
    department: 'hr',
    title: '子女入学学位申请',
    details: { childGrade: '小学一年级' },
    steps: [
      { day: 0, hour: 14, do: 'return' }, // 退单: schools are education's
      { day: 1, hour: 9, do: 'redispatch', to: 'education' },
      ...ok(1),
    ],
  },
  {
    requester: 'researcher1',
    category: 'other',
    department: 'health',
    title: '园区职业健康体检安排',
    steps: [
      { day: 0, hour: 16, do: 'accept' },
      // Signed for in time, but the first contact came after the response deadline.
      { day: 3, hour: 10, do: 'contact', channel: 'phone' },
      { day: 4, hour: 15, do: 'resolve' },
      { day: 5, hour: 10, do: 'confirm', solved: true, satisfaction: 'satisfied' },
    ],
  },
  {
    requester: 'researcher1',
    category: 'lab-space',
    department: 'science',
    title: '共享洁净间使用时段',
    details: { areaSqm: 60, purpose: '微纳加工' },
    steps: [
      { day: 0, hour: 10, do: 'accept' },
      { day: 0, hour: 11, do: 'contact', channel: 'visit' },
      { day: 3, hour: 16, do: 'resolve' }, // waits for the requester's confirmation
    ],
  },
  {
    requester: 'researcher1',
    category: 'vehicle-permit',
    department: 'traffic',
    title: '研究员外地车牌区内通行（批量申请）',
    details: { reason: '研究员通勤至光明科学城各实验室' },
    items: DEMO_PLATES.map((reference, i) => ({
      beneficiaryName: `研究员${String(i + 1).padStart(2, '0')}`,
      reference,
    })),
    steps: [
      { day: 1, hour: 9, do: 'accept' },
      { day: 1, hour: 10, do: 'contact', channel: 'message' },
      { day: 2, hour: 15, do: 'resolve-items', from: 0, to: 20 },
      // The last four settle the ticket: it resolves itself with a summary.
      { day: 4, hour: 11, do: 'resolve-items', from: 20, to: 24 },
      { day: 5, hour: 10, do: 'confirm', solved: true, satisfaction: 'satisfied' },
    ],
  },
];

/**
 * The demo's history (SEED_DEMO_DATA only): a 问诊会 session about two months back whose tickets
 * went through the real use cases on a simulated clock, so the metrics have figures to show.
 * Everything runs in one transaction that first claims the session's fixed id: once only.
 */
@Injectable()
export class SeedDemoHistoryUseCase {
  constructor(
    @InjectTriageDatabase() private readonly database: TriageDatabase,
    private readonly outbox: Outbox,
    @Inject(WORKING_CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(TRIAGE_CLOCK) private readonly clock: Clock,
    @Inject(TRIAGE_SETTINGS) private readonly settings: TriageSettings,
  ) {}

  /** Returns how many tickets it seeded (0 when the history is there already). */
  execute(): Promise<number> {
    return inTransaction(this.database.db, async (trx) => {
      const today = shanghaiDate(this.clock());
      const [year, month] = today.split('-').map(Number) as [number, number];
      const index = year * 12 + month - 1 - 2;
      const monthStart = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
      const sessionDay = this.calendar.addWorkingDays(new Date(`${monthStart}T12:00:00+08:00`), 5);
      const at = (day: number, hour: number) =>
        new Date(
          `${day === 0 ? sessionDay : this.calendar.addWorkingDays(new Date(`${sessionDay}T12:00:00+08:00`), day)}T${String(hour).padStart(2, '0')}:00:00+08:00`,
        );
      const heldAt = at(0, 9);
      const departments = [...new Set(DEMO_TICKETS.flatMap((t) => [t.department, 'education']))];
      const claimed = await insertSessionIfAbsent(trx, {
        id: DEMO_SESSION_ID,
        title: `${sessionDay.slice(0, 7)} 光明科学城问诊会`,
        held_at: heldAt,
        department_ids: departments.map((d) => stableId('department', d)),
        convener_id: CONVENER.id,
      });
      if (!claimed) return 0;

      let now = new Date(heldAt.getTime() - 86_400_000);
      const clock = () => now;
      // The real use cases, joined to this transaction, on the simulated clock.
      const workflow = new TicketWorkflow({ ...this.database, db: trx }, this.outbox, clock);
      const duplicates = new DuplicateSuggestions(this.outbox, clock, this.settings);
      const create = new CreateTicketUseCase(workflow, clock, duplicates);
      const commands = new TicketCommandsUseCase(
        workflow,
        this.calendar,
        clock,
        this.settings,
        duplicates,
      );
      const items = new TicketItemsUseCase(workflow, clock);
      const sessions = new SessionsUseCase(workflow, clock);

      const ids: string[] = [];
      for (const ticket of DEMO_TICKETS) {
        const { id } = await create.execute(REQUESTERS[ticket.requester], {
          title: ticket.title,
          description: `${ticket.title}（问诊会演示数据）`,
          category: ticket.category,
          ...(ticket.details ? { details: ticket.details } : {}),
          ...(ticket.items ? { items: ticket.items } : {}),
        });
        ids.push(id);
      }
      now = heldAt;
      await sessions.addToAgenda(CONVENER, { id: DEMO_SESSION_ID, ticketIds: ids });
      for (const [i, ticket] of DEMO_TICKETS.entries()) {
        now = new Date(heldAt.getTime() + (i + 1) * 5 * 60_000);
        const id = ids[i]!;
        const departmentId = stableId('department', ticket.department);
        await commands.assign(CONVENER, { id, departmentId });
        await recordAgendaOutcome(trx, {
          sessionId: DEMO_SESSION_ID,
          ticketId: id,
          outcome: 'assigned',
          note: `交${ticket.department}办理`,
          at: now,
        });
      }
      const steps = DEMO_TICKETS.flatMap((ticket, i) =>
        ticket.steps.map((step) => ({ ticket, id: ids[i]!, step, when: at(step.day, step.hour) })),
      ).sort((a, b) => a.when.getTime() - b.when.getTime());
      const lead = new Map(DEMO_TICKETS.map((t, i) => [ids[i]!, t.department]));
      for (const { ticket, id, step, when } of steps) {
        now = when;
        const officerOf = officer(lead.get(id)!);
        switch (step.do) {
          case 'accept':
            await commands.accept(officerOf, id);
            break;
          case 'contact':
            await commands.contact(officerOf, {
              id,
              channel: step.channel,
              note: '已联系申请人，说明办理流程和所需材料',
            });
            break;
          case 'resolve-items': {
            const onTicket = await listItems(trx, id);
            await items.resolveMany(officerOf, {
              id,
              items: onTicket
                .slice(step.from, step.to)
                .map((item) => ({ itemId: item.id, ...demoItemDecision(item.position - 1) })),
            });
            break;
          }
          case 'resolve':
            await commands.resolve(officerOf, {
              id,
              resolution: '已按政策办理并答复',
              basis: '部门职责',
            });
            break;
          case 'return':
            await commands.return(officerOf, { id, reason: '不属本部门职责', basis: '三定方案' });
            break;
          case 'redispatch':
            lead.set(id, step.to);
            await commands.reviewReturn(CONVENER, {
              id,
              decision: 'redispatch',
              departmentId: stableId('department', step.to),
            });
            break;
          case 'confirm':
            await commands.confirm(REQUESTERS[ticket.requester], {
              id,
              solved: step.solved,
              satisfaction: step.satisfaction,
            });
            break;
        }
      }
      return DEMO_TICKETS.length;
    });
  }
}
