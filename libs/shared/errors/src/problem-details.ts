import { AppError, ERROR_CODES, type FieldError } from './app-error.js';

/** RFC 9457 problem details, as the gateway answers every error. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
}

const TITLES: Record<keyof typeof ERROR_CODES, string> = {
  'invalid-input': 'Invalid input',
  unauthenticated: 'Unauthenticated',
  forbidden: 'Forbidden',
  'not-found': 'Not found',
  conflict: 'Conflict',
  'payload-too-large': 'Payload too large',
  'rate-limited': 'Too many requests',
  unavailable: 'Service unavailable',
  internal: 'Internal error',
};

export const PROBLEM_TYPE_BASE = 'https://guangming.example/problems/';

export function toProblemDetails(error: AppError, instance?: string): ProblemDetails {
  return {
    type: PROBLEM_TYPE_BASE + (error.type ?? error.code),
    title: TITLES[error.code],
    status: error.status,
    // An internal error never leaks its message: it may hold a stack or SQL.
    detail: error.code === 'internal' ? 'an unexpected error occurred' : error.message,
    ...(instance ? { instance } : {}),
    ...(error.errors.length ? { errors: error.errors } : {}),
  };
}
