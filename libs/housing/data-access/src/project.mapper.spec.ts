import { describe, expect, it } from '@jest/globals';
import { toUnitCounts } from './project.mapper.js';

describe('toUnitCounts', () => {
  it('names every status and adds up the total', () => {
    expect(
      toUnitCounts([
        { status: 'available', count: 5 },
        { status: 'allocated', count: 2 },
        { status: 'available', count: 1 },
      ]),
    ).toEqual({ total: 8, byStatus: { available: 6, offered: 0, allocated: 2, unavailable: 0 } });
  });

  it('counts nothing as zeros', () => {
    expect(toUnitCounts([])).toEqual({
      total: 0,
      byStatus: { available: 0, offered: 0, allocated: 0, unavailable: 0 },
    });
  });
});
