import { expect } from '@jest/globals';
import type { ProblemDetails } from '@gm/shared-errors';
import type { HttpResult } from './http.js';

/**
 * Asserts a problem-details answer (`application/problem+json`) of `status` and, when given, of
 * the problem `type` (the last segment of its URI); returns the problem.
 */
export function expectProblem(result: HttpResult, status: number, type?: string): ProblemDetails {
  expect({ status: result.status, body: result.body }).toMatchObject({ status });
  expect(result.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = result.body as ProblemDetails;
  if (type) expect(problem.type).toMatch(new RegExp(`/${type}$`));
  return problem;
}
