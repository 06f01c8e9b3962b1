import { describe, expect, it } from '@jest/globals';
import { isExclusionViolation, isUniqueViolation, sqlState, violatedConstraint } from './errors.js';

describe('database error checks', () => {
  it('read the SQLSTATE from the error or a wrapped cause', () => {
    const driverError = Object.assign(
      new Error('conflicting key value violates exclusion constraint'),
      {
        code: '23P01',
        constraint: 'booking_no_overlap',
      },
    );
    const wrapped = new Error('could not book', {
      cause: new Error('inner', { cause: driverError }),
    });
    expect(isExclusionViolation(driverError)).toBe(true);
    expect(isExclusionViolation(wrapped)).toBe(true);
    expect(isUniqueViolation(wrapped)).toBe(false);
    expect(violatedConstraint(wrapped)).toBe('booking_no_overlap');
    expect(isUniqueViolation({ code: '23505' })).toBe(true);
  });

  it('ignore things that are not database errors', () => {
    expect(sqlState(Object.assign(new Error('broken pipe'), { code: 'EPIPE' }))).toBeUndefined();
    expect(sqlState(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBeUndefined();
    expect(sqlState('23P01')).toBeUndefined();
    expect(sqlState(null)).toBeUndefined();
    expect(isExclusionViolation(undefined)).toBe(false);
    expect(sqlState({ code: 'XX000' })).toBe('XX000');
  });
});
