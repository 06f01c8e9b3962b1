import { AppError } from '@gm/shared-errors';
import type { AgendaOutcome, MinutesItem, TicketStatus } from '@gm/triage-contracts';

/** Ticket states in which a session may record that it dispatched the ticket. */
const DISPATCHED: readonly TicketStatus[] = [
  'assigned',
  'in-progress',
  'returned',
  'resolved',
  'closed',
];

/**
 * Checks an outcome against the ticket it is about: `assigned` means the session dispatched it,
 * so the ticket must have been dispatched (派单) first. Throws `invalid`
 * (`agenda.outcome-not-dispatched`) otherwise.
 */
export function checkAgendaOutcome(outcome: AgendaOutcome, ticketStatus: TicketStatus): void {
  if (outcome === 'assigned' && !DISPATCHED.includes(ticketStatus)) {
    throw AppError.invalid('the ticket has not been dispatched', [
      {
        path: 'outcome',
        message: `a ${ticketStatus} ticket has not been assigned to a department yet`,
        code: 'agenda.outcome-not-dispatched',
        limit: DISPATCHED,
      },
    ]);
  }
}

export const OUTCOME_LABELS: Readonly<Record<AgendaOutcome, string>> = {
  assigned: '已派单 (assigned)',
  'answered-on-the-spot': '现场答复 (answered on the spot)',
  deferred: '暂缓 (deferred)',
};

export interface MinutesInput {
  title: string;
  heldAt: Date;
  convenerId: string;
  /** The departments attending. */
  departments: readonly { id: string; name: string }[];
  /** Names of every department an item may be with (attending or not). */
  departmentNames: ReadonlyMap<string, string>;
  items: readonly MinutesItem[];
}

/** Escapes what would break a Markdown table cell. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** The time in Asia/Shanghai, `YYYY-MM-DD HH:mm`, as the minutes are read there. */
function shanghai(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The minutes (纪要) of a 问诊会 session as a Markdown document. Pure. */
export function renderMinutesMarkdown(minutes: MinutesInput): string {
  const names = minutes.departmentNames;
  const lines = [
    `# 问诊会纪要：${minutes.title}`,
    '',
    `- 时间：${shanghai(minutes.heldAt)}（北京时间）`,
    `- 召集人：${minutes.convenerId}`,
    `- 参会部门：${minutes.departments.map((d) => d.name).join('、') || '—'}`,
    '',
    '| # | 工单 | 标题 | 结果 | 承办部门 | 备注 |',
    '| --- | --- | --- | --- | --- | --- |',
    ...minutes.items
      .map((item) =>
        [
          item.position,
          item.number,
          cell(item.title),
          item.outcome ? OUTCOME_LABELS[item.outcome] : '未记录 (not recorded)',
          item.departmentId ? cell(names.get(item.departmentId) ?? item.departmentId) : '—',
          item.note ? cell(item.note) : '',
        ].join(' | '),
      )
      .map((row) => `| ${row} |`),
  ];
  const recorded = minutes.items.filter((i) => i.outcome !== null).length;
  lines.push('', `共 ${minutes.items.length} 项，已记录结果 ${recorded} 项。`, '');
  return lines.join('\n');
}
