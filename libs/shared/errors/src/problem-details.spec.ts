import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { AppError, invalidInput, toProblemDetails } from './index.js';

describe('problem details', () => {
  it('names every bad field of a zod parse', () => {
    const result = z
      .object({ start: z.iso.datetime(), end: z.iso.datetime(), items: z.array(z.number()) })
      .safeParse({ start: 'x', items: [1, 'b'] });
    if (result.success) throw new Error('expected failure');
    const problem = toProblemDetails(invalidInput(result.error.issues, 'booking'));
    expect(problem.status).toBe(400);
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['end', 'items.1', 'start']);
    expect(problem.detail).toContain('start');
  });

  it('round-trips an error through its wire form', () => {
    const original = AppError.conflict('slot taken', 'booking-overlap');
    const copy = AppError.fromJSON(JSON.parse(JSON.stringify(original)));
    expect(copy).toBeInstanceOf(AppError);
    expect(toProblemDetails(copy)).toEqual(toProblemDetails(original));
    expect(toProblemDetails(copy).type).toMatch(/booking-overlap$/);
  });

  it('never leaks the message of an internal error', () => {
    const problem = toProblemDetails(new AppError('internal', 'relation "x" does not exist'));
    expect(problem.status).toBe(500);
    expect(problem.detail).not.toContain('relation');
    expect(toProblemDetails(AppError.fromJSON({ weird: true })).status).toBe(500);
  });
});
