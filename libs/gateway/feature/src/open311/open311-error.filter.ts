import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problemFromError } from '../http/problem.js';
import { formatOfUrl, sendOpen311 } from './open311-format.js';

/** One error of the standard's list: the HTTP status as `code`, and what went wrong. */
export interface Open311Error {
  code: number;
  description: string;
}

/**
 * Errors of the Open311 routes in the standard's format, `[{code, description}]` or
 * `<errors><error>…</error></errors>` by the URL's extension, with the same statuses, headers and
 * secrecy as the problem details of the rest of the API (same mapper).
 */
@Catch()
export class Open311ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Open311');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = problemFromError(exception, request.url);
    if (problem.status >= 500 && problem.status !== 503) {
      const cause =
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
      this.logger.error(`${request.method} ${request.url} failed: ${cause}`);
    }
    if (reply.sent) return;
    const errors: Open311Error[] = problem.errors?.length
      ? problem.errors.map((e) => ({
          code: problem.status,
          description: e.path ? `${e.path}: ${e.message}` : e.message,
        }))
      : [{ code: problem.status, description: problem.detail }];
    if (problem.status === 401) reply.header('www-authenticate', 'Bearer');
    if (problem.status === 503) reply.header('retry-after', '5');
    reply.status(problem.status).header('cache-control', 'no-store');
    sendOpen311(reply, formatOfUrl(request.url), 'errors', errors);
  }
}
