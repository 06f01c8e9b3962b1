import { describe, expect, it } from '@jest/globals';
import { AppError } from '@gm/shared-errors';
import type { MinutesItem } from '@gm/triage-contracts';
import { checkAgendaOutcome, renderMinutesMarkdown } from './minutes.js';

const HOUSING = '00000000-0000-4000-8000-000000000001';
const TRAFFIC = '00000000-0000-4000-8000-000000000002';

const item = (over: Partial<MinutesItem>): MinutesItem => ({
  position: 1,
  ticketId: '00000000-0000-4000-8000-0000000000aa',
  number: 'WZH-2026-000001',
  title: '人才住房',
  status: 'assigned',
  departmentId: null,
  outcome: null,
  note: null,
  recordedAt: null,
  ...over,
});

describe('checkAgendaOutcome', () => {
  it('records "assigned" only for a dispatched ticket', () => {
    expect(() => checkAgendaOutcome('assigned', 'in-progress')).not.toThrow();
    expect(() => checkAgendaOutcome('deferred', 'submitted')).not.toThrow();
    expect(() => checkAgendaOutcome('answered-on-the-spot', 'submitted')).not.toThrow();
    try {
      checkAgendaOutcome('assigned', 'submitted');
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).errors[0]).toMatchObject({
        path: 'outcome',
        code: 'agenda.outcome-not-dispatched',
      });
    }
  });
});

describe('renderMinutesMarkdown', () => {
  it('lists every item with its outcome, department and note, in Beijing time', () => {
    const markdown = renderMinutesMarkdown({
      title: '第12期问诊会',
      heldAt: new Date('2026-03-02T06:30:00Z'),
      convenerId: 'convener1',
      departments: [{ id: HOUSING, name: '住房' }],
      departmentNames: new Map([
        [HOUSING, '住房'],
        [TRAFFIC, '交通'],
      ]),
      items: [
        item({ departmentId: TRAFFIC, outcome: 'assigned', note: '交交通|办理' }),
        item({ position: 2, number: 'WZH-2026-000002', title: '子女入学' }),
      ],
    });
    expect(markdown).toContain('# 问诊会纪要：第12期问诊会');
    expect(markdown).toContain('2026-03-02 14:30');
    expect(markdown).toContain('参会部门：住房');
    expect(markdown).toContain(
      '| 1 | WZH-2026-000001 | 人才住房 | 已派单 (assigned) | 交通 | 交交通\\|办理 |',
    );
    expect(markdown).toContain('| 2 | WZH-2026-000002 | 子女入学 | 未记录 (not recorded) | — |  |');
    expect(markdown).toContain('共 2 项，已记录结果 1 项。');
  });
});
