/** A half-open span `[start, end)` in UTC milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/** Sorted, with touching and overlapping spans joined. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged.at(-1);
    if (last && next.start <= last.end) last.end = Math.max(last.end, next.end);
    else merged.push({ ...next });
  }
  return merged;
}

/** The parts of `within` not covered by any of `taken`. */
export function subtractIntervals(within: Interval, taken: readonly Interval[]): Interval[] {
  const gaps: Interval[] = [];
  let cursor = within.start;
  for (const busy of mergeIntervals(taken)) {
    if (busy.end <= cursor) continue;
    if (busy.start >= within.end) break;
    if (busy.start > cursor) gaps.push({ start: cursor, end: busy.start });
    cursor = Math.max(cursor, busy.end);
  }
  if (cursor < within.end) gaps.push({ start: cursor, end: within.end });
  return gaps;
}

/** Where the two sets of spans overlap. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const x of mergeIntervals(a)) {
    for (const y of mergeIntervals(b)) {
      const start = Math.max(x.start, y.start);
      const end = Math.min(x.end, y.end);
      if (end > start) out.push({ start, end });
    }
  }
  return mergeIntervals(out);
}
