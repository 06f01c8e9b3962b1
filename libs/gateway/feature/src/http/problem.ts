import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import {
  AppError,
  ERROR_CODES,
  PROBLEM_TYPE_BASE,
  toProblemDetails,
  type ErrorCode,
  type ProblemDetails,
} from '@gm/shared-errors';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

const CODE_BY_STATUS = new Map<number, ErrorCode>(
  (Object.entries(ERROR_CODES) as [ErrorCode, number][]).map(([code, status]) => [status, code]),
);

/** Errors Fastify raises itself (body parsing, limits) carry a status and an `FST_` code. */
interface StatusError {
  statusCode: number;
  message: string;
}

function isStatusError(error: unknown): error is StatusError {
  if (!(error instanceof Error)) return false;
  const { statusCode } = error as Error & { statusCode?: unknown };
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 600;
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/**
 * The problem detail for any status. Statuses that match an AppError code go through
 * `toProblemDetails`; HTTP-only ones (405, 415, ...) get a type named after the status text.
 */
function problemForStatus(status: number, message: string, instance: string): ProblemDetails {
  const code = CODE_BY_STATUS.get(status) ?? (status >= 500 ? 'internal' : undefined);
  if (code) return toProblemDetails(new AppError(code, message), instance);
  const title = STATUS_CODES[status] ?? 'Error';
  return {
    type: PROBLEM_TYPE_BASE + title.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    title,
    status,
    detail: message,
    instance,
  };
}

/**
 * Maps anything thrown while serving a request to an RFC 9457 problem detail. Unknown errors
 * become a 500 that says nothing about their cause (the caller logs them).
 */
export function problemFromError(error: unknown, instance: string): ProblemDetails {
  if (error instanceof AppError) return toProblemDetails(error, instance);
  if (error instanceof HttpException)
    return problemForStatus(error.getStatus(), messageOf(error), instance);
  if (isStatusError(error)) return problemForStatus(error.statusCode, error.message, instance);
  return toProblemDetails(new AppError('internal', 'unexpected error'), instance);
}
