import { describe, expect, it } from '@jest/globals';
import { freeStretches } from './free-time.js';
import { subtractIntervals } from './interval.js';

const at = (local: string) => new Date(`${local}+08:00`).getTime();
const policy = {
  bufferBeforeMinutes: 15,
  bufferAfterMinutes: 15,
  openingHours: [{ weekday: 2, open: '09:00', close: '18:00' }],
};

describe('freeStretches', () => {
  it('keeps the buffers clear of blocked spans and stays within opening hours', () => {
    // Tuesday: one booking 12:00–13:00 blocked with its buffers 11:45–13:15.
    const blocked = [{ start: at('2030-05-07T11:45:00'), end: at('2030-05-07T13:15:00') }];
    const free = freeStretches(
      policy,
      blocked,
      { start: at('2030-05-07T00:00:00'), end: at('2030-05-08T00:00:00') },
      60,
    );
    expect(free).toEqual([
      { start: at('2030-05-07T09:00:00'), end: at('2030-05-07T11:30:00') },
      { start: at('2030-05-07T13:30:00'), end: at('2030-05-07T18:00:00') },
    ]);
  });

  it('drops stretches shorter than asked for', () => {
    const blocked = [{ start: at('2030-05-07T09:30:00'), end: at('2030-05-07T17:45:00') }];
    const window = { start: at('2030-05-07T00:00:00'), end: at('2030-05-08T00:00:00') };
    expect(freeStretches(policy, blocked, window, 30)).toEqual([]);
  });

  it('subtracts overlapping spans', () => {
    expect(
      subtractIntervals({ start: 0, end: 100 }, [
        { start: 10, end: 20 },
        { start: 15, end: 30 },
        { start: 90, end: 120 },
      ]),
    ).toEqual([
      { start: 0, end: 10 },
      { start: 30, end: 90 },
    ]);
  });
});
