/**
 * Asia/Shanghai local time. China has kept UTC+8 all year since 1991 (no daylight saving), so a
 * fixed offset is exact for every date a booking can have, and needs no time-zone database.
 */
export const SHANGHAI_OFFSET_MINUTES = 8 * 60;

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const OFFSET = SHANGHAI_OFFSET_MINUTES * MINUTE;

export interface LocalDay {
  /** The instant local midnight begins that day, in UTC milliseconds. */
  midnight: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
}

/** The Asia/Shanghai calendar day `instant` falls on. */
export function localDayOf(instant: number): LocalDay {
  const local = instant + OFFSET;
  const localMidnight = Math.floor(local / DAY) * DAY;
  const weekday = ((new Date(localMidnight).getUTCDay() + 6) % 7) + 1;
  return { midnight: localMidnight - OFFSET, weekday };
}

/** Minutes since local midnight in Asia/Shanghai (0 … 1439). */
export function localMinutesOfDay(instant: number): number {
  return (instant - localDayOf(instant).midnight) / MINUTE;
}

export { DAY as DAY_MS, MINUTE as MINUTE_MS };
