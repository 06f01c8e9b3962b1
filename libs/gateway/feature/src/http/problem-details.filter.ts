import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problemFromError } from './problem.js';

/** Seconds a client should wait before retrying after a 503 (a service did not answer). */
const RETRY_AFTER_SECONDS = '5';

/**
 * The gateway's one exception filter: every error, ours or Nest's or Fastify's, leaves as
 * `application/problem+json`. Server faults are logged with their stack; clients never see it.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

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
    if (problem.status === 401) reply.header('www-authenticate', 'Bearer');
    if (problem.status === 503) reply.header('retry-after', RETRY_AFTER_SECONDS);
    if (reply.sent) return;
    // A route's caching header was set before it failed; an error answer is never cached.
    reply
      .status(problem.status)
      .header('cache-control', 'no-store')
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send(problem);
  }
}
