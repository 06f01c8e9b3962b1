// Booking times for the resources tests: the demo instruments are open Monday to Saturday, and
// opening hours are Shenzhen's (UTC+8) whatever the machine's time zone.
const HOUR = 3_600_000;

/** The `n`-th Monday-to-Saturday after today in Shenzhen: its date, as UTC midnight in ms. */
export function localDay(n: number): number {
  const shanghaiNow = new Date(Date.now() + 8 * HOUR);
  let day = Date.UTC(
    shanghaiNow.getUTCFullYear(),
    shanghaiNow.getUTCMonth(),
    shanghaiNow.getUTCDate(),
  );
  for (let found = 0; found < n;) {
    day += 24 * HOUR;
    if (new Date(day).getUTCDay() !== 0) found++;
  }
  return day;
}

/** `hour`:`minute` in Shenzhen on the `n`-th Monday-to-Saturday after today, as an ISO instant. */
export const localTime = (n: number, hour: number, minute = 0): string =>
  new Date(localDay(n) + (hour - 8) * HOUR + minute * 60_000).toISOString();
