import { describe, expect, it } from '@jest/globals';
import { HttpException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { AppError } from '@gm/shared-errors';
import { problemFromError } from './problem.js';

/** What Fastify throws for its own limits: an Error with a status code. */
const fastifyError = (statusCode: number, message: string) =>
  Object.assign(new Error(message), { statusCode });

describe('problemFromError', () => {
  it('keeps an AppError as it is, with its field errors and the request as instance', () => {
    const error = AppError.invalid('invalid query: pageSize', [
      { path: 'pageSize', message: 'too big' },
    ]);
    expect(problemFromError(error, '/api/resources?pageSize=500')).toEqual({
      type: 'https://guangming.example/problems/invalid-input',
      title: 'Invalid input',
      status: 400,
      detail: 'invalid query: pageSize',
      instance: '/api/resources?pageSize=500',
      errors: [{ path: 'pageSize', message: 'too big' }],
    });
  });

  it('maps Nest exceptions by status', () => {
    const problem = problemFromError(new NotFoundException('Cannot GET /nope'), '/nope');
    expect(problem).toMatchObject({ status: 404, title: 'Not found', detail: 'Cannot GET /nope' });
    expect(problemFromError(new PayloadTooLargeException(), '/x')).toMatchObject({ status: 413 });
  });

  it('maps Fastify errors by their status code', () => {
    expect(
      problemFromError(fastifyError(413, 'Request body is too large'), '/api/auth/token'),
    ).toMatchObject({
      status: 413,
      type: 'https://guangming.example/problems/payload-too-large',
    });
  });

  it('names HTTP-only statuses after their status text', () => {
    const problem = problemFromError(
      new HttpException('Unsupported Media Type: text/xml', 415),
      '/api/auth/token',
    );
    expect(problem).toEqual({
      type: 'https://guangming.example/problems/unsupported-media-type',
      title: 'Unsupported Media Type',
      status: 415,
      detail: 'Unsupported Media Type: text/xml',
      instance: '/api/auth/token',
    });
  });

  it('never tells what an unexpected error was', () => {
    for (const error of [
      new Error('relation "users" does not exist'),
      'boom',
      fastifyError(502, 'upstream at 10.0.0.3'),
    ]) {
      const problem = problemFromError(error, '/api/me');
      expect(problem.status).toBe(500);
      expect(problem.detail).toBe('an unexpected error occurred');
    }
  });
});
