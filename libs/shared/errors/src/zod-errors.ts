import { AppError, type FieldError } from './app-error.js';

/** The shape of a zod issue we rely on, so this lib needs no zod import. */
interface IssueLike {
  path: PropertyKey[];
  message: string;
  code?: string;
}

/** Turns schema issues into field errors, one per issue, with dotted paths (`items.2.end`). */
export function fieldErrorsFromIssues(issues: readonly IssueLike[], prefix = ''): FieldError[] {
  return issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
    ...(issue.code ? { code: issue.code } : {}),
  }));
}

/** 400 naming every bad field at once. */
export function invalidInput(issues: readonly IssueLike[], what = 'input', prefix = ''): AppError {
  const errors = fieldErrorsFromIssues(issues, prefix);
  const fields = errors.map((e) => e.path || '(root)').join(', ');
  return AppError.invalid(`invalid ${what}: ${fields}`, errors);
}
