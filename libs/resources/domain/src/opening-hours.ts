import type { OpeningHours } from '@gm/resources-contracts';
import { mergeIntervals, type Interval } from './interval.js';
import { DAY_MS, MINUTE_MS, localDayOf } from './shanghai-time.js';

const minutesOf = (time: string): number => {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
};

/**
 * The opening windows (Asia/Shanghai) that touch `[from, to)`, as absolute spans; a window
 * closing at 24:00 joins the next day's opening at 00:00, so a booking may run through midnight.
 */
export function openIntervals(
  hours: readonly OpeningHours[],
  from: number,
  to: number,
): Interval[] {
  const spans: Interval[] = [];
  for (let day = localDayOf(from - DAY_MS).midnight; day <= to + DAY_MS; day += DAY_MS) {
    const { weekday } = localDayOf(day);
    for (const window of hours) {
      if (window.weekday !== weekday) continue;
      spans.push({
        start: day + minutesOf(window.open) * MINUTE_MS,
        end: day + minutesOf(window.close) * MINUTE_MS,
      });
    }
  }
  return mergeIntervals(spans).filter((s) => s.end > from && s.start < to);
}

/** The opening span holding all of `[start, end)`, if there is one. */
export function openSpanContaining(
  hours: readonly OpeningHours[],
  start: number,
  end: number,
): Interval | undefined {
  return openIntervals(hours, start, end).find((s) => s.start <= start && end <= s.end);
}

export { minutesOf as minutesOfTime };
