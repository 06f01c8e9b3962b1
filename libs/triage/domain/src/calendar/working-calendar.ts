import { CN_2026 } from './cn-2026.js';
import { CN_2027 } from './cn-2027.js';
import type { HolidayYear, IsoDate } from './holiday-calendar.js';

// Asia/Shanghai has been UTC+8 all year since 1991 (no daylight saving), so a fixed offset is exact.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The Asia/Shanghai calendar day of an instant. */
export function shanghaiDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Shanghai calendar day ends (its last millisecond). */
export function endOfShanghaiDay(date: IsoDate): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS + DAY_MS - 1);
}

function nextDate(date: IsoDate, days = 1): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function isWeekend(date: IsoDate): boolean {
  const weekday = new Date(`${date}T00:00:00.000Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/**
 * Working days in Asia/Shanghai: Monday to Friday, minus the State Council's holidays, plus its
 * make-up workdays (调休上班), from the yearly data. A year without data counts Monday to Friday.
 */
export class WorkingCalendar {
  readonly #holidays = new Map<IsoDate, string>();
  readonly #makeUpWorkdays = new Map<IsoDate, string>();
  readonly #years = new Map<number, HolidayYear>();

  constructor(years: readonly HolidayYear[]) {
    for (const year of years) {
      this.#years.set(year.year, year);
      for (const { date, name } of year.holidays) this.#holidays.set(date, name);
      for (const { date, name } of year.makeUpWorkdays) {
        if (this.#holidays.has(date)) throw new Error(`${date} is both a holiday and a workday`);
        this.#makeUpWorkdays.set(date, name);
      }
    }
  }

  /** Whether the year's arrangement is known, and whether it is final or provisional. */
  coverage(year: number): 'final' | 'provisional' | 'none' {
    const data = this.#years.get(year);
    if (!data) return 'none';
    return data.provisional ? 'provisional' : 'final';
  }

  isWorkingDay(date: IsoDate): boolean {
    if (this.#makeUpWorkdays.has(date)) return true;
    if (this.#holidays.has(date)) return false;
    return !isWeekend(date);
  }

  /** The holiday's name, the make-up workday's name, or undefined for an ordinary day. */
  describe(date: IsoDate): string | undefined {
    return this.#holidays.get(date) ?? this.#makeUpWorkdays.get(date);
  }

  /** The n-th working day after the Shanghai day of `from` (that day itself does not count). */
  addWorkingDays(from: Date, days: number): IsoDate {
    if (!Number.isInteger(days) || days < 1)
      throw new RangeError('days must be a positive integer');
    let date = shanghaiDate(from);
    let left = days;
    while (left > 0) {
      date = nextDate(date);
      if (this.isWorkingDay(date)) left--;
    }
    return date;
  }

  /** The n-th working day before the Shanghai day of `from` (that day itself does not count). */
  subtractWorkingDays(from: Date, days: number): IsoDate {
    if (!Number.isInteger(days) || days < 1)
      throw new RangeError('days must be a positive integer');
    let date = shanghaiDate(from);
    let left = days;
    while (left > 0) {
      date = nextDate(date, -1);
      if (this.isWorkingDay(date)) left--;
    }
    return date;
  }

  /**
   * The deadline of something given `days` working days from `from` (办结时限): the end of the
   * n-th working day after the day it was given, in Asia/Shanghai.
   */
  deadline(from: Date, days: number): Date {
    return endOfShanghaiDay(this.addWorkingDays(from, days));
  }

  /** Working days from the day after `from` up to and including the day of `to` (0 when `to` is not later). */
  workingDaysBetween(from: Date, to: Date): number {
    const end = shanghaiDate(to);
    let date = shanghaiDate(from);
    let count = 0;
    while (date < end) {
      date = nextDate(date);
      if (this.isWorkingDay(date)) count++;
    }
    return count;
  }
}

/** Every year of holiday data this service knows. */
export const CHINA_HOLIDAY_YEARS: readonly HolidayYear[] = [CN_2026, CN_2027];

/** The mainland calendar with the published (2026) and provisional (2027) arrangements. */
export const chinaWorkingCalendar = (): WorkingCalendar => new WorkingCalendar(CHINA_HOLIDAY_YEARS);
