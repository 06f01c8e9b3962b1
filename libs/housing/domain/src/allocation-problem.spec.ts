import { describe, expect, it } from '@jest/globals';
import { AppError } from '@gm/shared-errors';
import { allocate } from './allocate.js';
import { compileProblem, type AllocationProblem } from './allocation-problem.js';
import { lotteryOrder } from './lottery.js';

function fieldErrors(problem: AllocationProblem) {
  try {
    compileProblem(problem);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).errors.map(({ path, code }) => ({ path, code }));
  }
  throw new Error('expected the problem to be rejected');
}

describe('allocation problems', () => {
  it('names every bad reference at once', () => {
    expect(
      fieldErrors({
        applicants: [
          { id: 'a1', preferences: ['u1', 'u9', 'u1'], tenantOf: 'u8' },
          { id: 'a1', preferences: [] },
          { id: 'a2', preferences: [], tenantOf: 'u2' },
          { id: 'a3', preferences: [], tenantOf: 'u2' },
        ],
        units: [{ id: 'u1', priority: ['a1', 'zz'] }, { id: 'u1' }, { id: 'u2', capacity: 1 }],
      }),
    ).toEqual([
      { path: 'units.1.id', code: 'allocation.duplicate-id' },
      { path: 'applicants.1.id', code: 'allocation.duplicate-id' },
      { path: 'units.0.priority.1', code: 'allocation.unknown-applicant' },
      { path: 'applicants.0.tenantOf', code: 'allocation.unknown-unit' },
      { path: 'applicants.0.preferences.1', code: 'allocation.unknown-unit' },
      { path: 'applicants.0.preferences.2', code: 'allocation.duplicate-preference' },
      { path: 'units.2.capacity', code: 'allocation.tenants-exceed-capacity' },
    ]);
  });

  it('requires the order to rank every applicant exactly once', () => {
    const applicants = ['a1', 'a2', 'a3'].map((id) => ({ id, preferences: [] }));
    expect(fieldErrors({ applicants, units: [], order: ['a1', 'a1', 'x'] })).toEqual([
      { path: 'order.1', code: 'allocation.duplicate-applicant' },
      { path: 'order.2', code: 'allocation.unknown-applicant' },
      { path: 'order', code: 'allocation.order-incomplete' },
      { path: 'order', code: 'allocation.order-incomplete' },
    ]);
  });

  it('orders applicants by the seed lottery without an order, and by id without either', () => {
    const applicants = ['c', 'a', 'b'].map((id) => ({ id, preferences: ['u'] }));
    const units = [{ id: 'u' }];
    expect(compileProblem({ applicants, units, seed: 's1' }).applicantIds).toEqual(
      lotteryOrder('s1', ['c', 'a', 'b']),
    );
    expect(compileProblem({ applicants, units }).applicantIds).toEqual(['a', 'b', 'c']);
    expect(allocate('serial-dictatorship', { applicants, units }).assignments).toEqual([
      { applicantId: 'a', unitId: 'u' },
    ]);
  });
});
