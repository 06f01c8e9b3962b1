import { describe, expect, it } from '@jest/globals';
import {
  NO_UTILISATION,
  addTotals,
  availableHours,
  toFigures,
  type UtilisationTotals,
} from './utilisation.js';

const at = (local: string) => new Date(`${local}+08:00`).getTime();
const span = (from: string, to: string) => ({ start: at(from), end: at(to) });
// Monday to Saturday 08:30–21:00 (12.5 h a day), closed on Sundays; 2030-05-06 is a Monday.
const instrument = [1, 2, 3, 4, 5, 6].map((weekday) => ({
  weekday,
  open: '08:30',
  close: '21:00',
}));
const week = span('2030-05-06T00:00:00', '2030-05-13T00:00:00');

describe('availableHours', () => {
  it('counts the opening hours of the range in Asia/Shanghai', () => {
    expect(availableHours(instrument, week, [])).toBe(75);
    // A Sunday alone: closed.
    expect(availableHours(instrument, span('2030-05-12T00:00:00', '2030-05-13T00:00:00'), [])).toBe(
      0,
    );
  });

  it('clips opening hours to the range', () => {
    // From Monday 10:00: Monday keeps 11 h of its 12.5; to Tuesday 12:00: Tuesday gives 3.5 h.
    expect(availableHours(instrument, span('2030-05-06T10:00:00', '2030-05-07T12:00:00'), [])).toBe(
      14.5,
    );
  });

  it('takes maintenance off only where the resource would be open, counting overlaps once', () => {
    const maintenance = [
      span('2030-05-07T10:00:00', '2030-05-07T12:00:00'), // Tuesday, 2 h inside opening hours
      span('2030-05-07T11:00:00', '2030-05-07T13:00:00'), // overlaps the first: 1 h more
      span('2030-05-08T20:00:00', '2030-05-08T22:00:00'), // Wednesday, 1 h before closing
      span('2030-05-12T09:00:00', '2030-05-12T17:00:00'), // Sunday: closed anyway
    ];
    expect(availableHours(instrument, week, maintenance)).toBe(71);
  });

  it('runs through midnight for resources open around the clock', () => {
    const always = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      open: '00:00',
      close: '24:00',
    }));
    expect(availableHours(always, span('2030-05-06T18:00:00', '2030-05-07T06:00:00'), [])).toBe(12);
  });
});

describe('utilisation figures', () => {
  const resource = (t: Partial<UtilisationTotals>): UtilisationTotals => ({
    ...NO_UTILISATION,
    ...t,
  });

  it('divides booked by available hours and outside by requested hours, rounded', () => {
    expect(
      toFigures(
        resource({
          availableHours: 75,
          bookedHours: 10,
          pendingHours: 2,
          cancelledLateCount: 1,
          cancelledLateHours: 1.5,
          requestedHours: 15.5,
          outsideHours: 5,
        }),
      ),
    ).toEqual({
      availableHours: 75,
      bookedHours: 10,
      pendingHours: 2,
      cancelledLate: { count: 1, hours: 1.5 },
      utilisation: 0.1333,
      requestedHours: 15.5,
      outsideDemand: { hours: 5, share: 0.3226 },
    });
  });

  it('has no ratio where nothing was available or requested', () => {
    const figures = toFigures(NO_UTILISATION);
    expect(figures.utilisation).toBeNull();
    expect(figures.outsideDemand.share).toBeNull();
  });

  it('sums resources before dividing, so a unit’s ratio weighs each resource by its hours', () => {
    const busy = resource({ availableHours: 10, bookedHours: 10, requestedHours: 10 });
    const idle = resource({ availableHours: 90, requestedHours: 10, outsideHours: 10 });
    const unit = toFigures(addTotals(busy, idle));
    expect(unit.utilisation).toBe(0.1);
    expect(unit.outsideDemand).toEqual({ hours: 10, share: 0.5 });
  });
});
