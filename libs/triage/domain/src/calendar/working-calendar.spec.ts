import { describe, expect, it } from '@jest/globals';
import { CN_2026 } from './cn-2026.js';
import { CN_2027 } from './cn-2027.js';
import { chinaWorkingCalendar, endOfShanghaiDay, shanghaiDate } from './working-calendar.js';

const calendar = chinaWorkingCalendar();
/** An instant in Shanghai local time. */
const at = (local: string) => new Date(`${local}+08:00`);

describe('working calendar (Asia/Shanghai)', () => {
  it('reads the Shanghai day of an instant, not the UTC one', () => {
    expect(shanghaiDate(new Date('2026-02-13T17:00:00Z'))).toBe('2026-02-14');
    expect(endOfShanghaiDay('2026-02-24').toISOString()).toBe('2026-02-24T15:59:59.999Z');
  });

  it.each([
    ['2026-01-01', false, '元旦'],
    ['2026-01-02', false, 'a Friday off'],
    ['2026-01-04', true, 'a make-up Sunday'],
    ['2026-02-14', true, 'a make-up Saturday before 春节'],
    ['2026-02-16', false, '春节 Monday'],
    ['2026-02-23', false, '正月初七, a Monday'],
    ['2026-02-24', true, 'the first day back'],
    ['2026-02-28', true, 'a make-up Saturday after 春节'],
    ['2026-04-06', false, '清明 Monday'],
    ['2026-05-05', false, '劳动节 Tuesday'],
    ['2026-05-09', true, 'a make-up Saturday'],
    ['2026-06-19', false, '端午 Friday'],
    ['2026-09-20', true, 'a make-up Sunday before 国庆'],
    ['2026-09-25', false, '中秋 Friday'],
    ['2026-10-07', false, '国庆 Wednesday'],
    ['2026-10-08', true, 'an ordinary Thursday'],
    ['2026-10-10', true, 'a make-up Saturday'],
    ['2026-10-11', false, 'an ordinary Sunday'],
    ['2026-03-03', true, 'an ordinary Tuesday'],
    ['2027-02-08', false, '春节 2027 (provisional)'],
    ['2027-06-09', false, '端午 2027 (provisional)'],
  ])('%s is a working day: %s (%s)', (date, working) => {
    expect(calendar.isWorkingDay(date)).toBe(working);
  });

  it('counts deadlines across 春节 and its make-up Saturdays', () => {
    // Assigned Friday 13 Feb 2026: 14 Feb (Sat, make-up) is day 1, then nothing until 24 Feb.
    expect(calendar.addWorkingDays(at('2026-02-13T10:00:00'), 1)).toBe('2026-02-14');
    expect(calendar.addWorkingDays(at('2026-02-13T10:00:00'), 2)).toBe('2026-02-24');
    // 24,25,26,27 Feb then Saturday 28 Feb (make-up) is the 5th.
    expect(calendar.addWorkingDays(at('2026-02-23T09:00:00'), 5)).toBe('2026-02-28');
    expect(calendar.deadline(at('2026-02-13T10:00:00'), 2).toISOString()).toBe(
      '2026-02-24T15:59:59.999Z',
    );
  });

  it('counts deadlines across 国庆 with its make-up Sunday and Saturday', () => {
    // From Fri 18 Sep: Sun 20 Sep (make-up) 1, 21-24 Sep 2-5, 25-27 中秋, 28-30 Sep 6-8, 1-7 Oct off, 8, 9, 10 (Sat make-up).
    expect(calendar.addWorkingDays(at('2026-09-18T12:00:00'), 1)).toBe('2026-09-20');
    expect(calendar.addWorkingDays(at('2026-09-18T12:00:00'), 8)).toBe('2026-09-30');
    expect(calendar.addWorkingDays(at('2026-09-18T12:00:00'), 11)).toBe('2026-10-10');
  });

  it('uses the Shanghai day at the edges of UTC days', () => {
    // 23:30 Shanghai on Thursday 31 Dec 2026 is still 31 Dec: the next working day is Mon 4 Jan 2027.
    expect(calendar.addWorkingDays(at('2026-12-31T23:30:00'), 1)).toBe('2027-01-04');
    // 00:30 Shanghai on Friday 2 Jan 2026 is 16:30 UTC on 1 Jan.
    expect(calendar.addWorkingDays(at('2026-01-02T00:30:00'), 1)).toBe('2026-01-04');
  });

  it('counts working days between two instants', () => {
    expect(calendar.workingDaysBetween(at('2026-02-13T10:00:00'), at('2026-02-24T10:00:00'))).toBe(
      2,
    );
    expect(calendar.workingDaysBetween(at('2026-02-24T10:00:00'), at('2026-02-13T10:00:00'))).toBe(
      0,
    );
  });

  it('marks 2027 as provisional and 2026 as final, and has no overlap in its data', () => {
    expect(calendar.coverage(2026)).toBe('final');
    expect(calendar.coverage(2027)).toBe('provisional');
    expect(calendar.coverage(2030)).toBe('none');
    for (const year of [CN_2026, CN_2027]) {
      for (const { date } of [...year.holidays, ...year.makeUpWorkdays])
        expect(date.startsWith(String(year.year))).toBe(true);
      for (const { date } of year.makeUpWorkdays) {
        const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
        expect([0, 6]).toContain(weekday);
      }
    }
    // 2026's notice: 33 days off in all, six make-up workdays.
    expect(CN_2026.holidays).toHaveLength(33);
    expect(CN_2026.makeUpWorkdays).toHaveLength(6);
  });

  it('falls back to Monday to Friday where no year is known', () => {
    expect(calendar.isWorkingDay('2030-01-01')).toBe(true);
    expect(calendar.isWorkingDay('2030-01-05')).toBe(false);
  });
});
