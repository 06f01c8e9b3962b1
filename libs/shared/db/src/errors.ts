// pg and PGlite both put the SQLSTATE on `code` and the constraint on `constraint`; wrappers
// may nest the driver's error in `cause`.
const MAX_CAUSE_DEPTH = 5;
// SQLSTATE classes start with a digit or are F0, HV, P0, XX: this keeps out Node's `EPIPE` & co.
const SQLSTATE = /^(?:[0-9][0-9A-Z]|F0|HV|P0|XX)[0-9A-Z]{3}$/;

function findInCauses(
  error: unknown,
  accept: (value: Record<string, unknown>) => string | undefined,
) {
  let current = error;
  for (
    let depth = 0;
    depth < MAX_CAUSE_DEPTH && typeof current === 'object' && current !== null;
    depth++
  ) {
    const found = accept(current as Record<string, unknown>);
    if (found !== undefined) return found;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The SQLSTATE of a database error (or of one of its causes), if there is one. */
export const sqlState = (error: unknown): string | undefined =>
  findInCauses(error, ({ code }) =>
    typeof code === 'string' && SQLSTATE.test(code) ? code : undefined,
  );

/** The constraint a violation names, e.g. to tell two unique keys of one table apart. */
export const violatedConstraint = (error: unknown): string | undefined =>
  findInCauses(error, ({ code, constraint }) =>
    typeof code === 'string' && SQLSTATE.test(code) && typeof constraint === 'string'
      ? constraint
      : undefined,
  );

/** An exclusion constraint refused the row (e.g. an overlapping booking): SQLSTATE 23P01. */
export const isExclusionViolation = (error: unknown): boolean => sqlState(error) === '23P01';

/** A unique constraint refused the row: SQLSTATE 23505. */
export const isUniqueViolation = (error: unknown): boolean => sqlState(error) === '23505';

/**
 * The transaction lost a race the database could not order, and running it again is safe:
 * a deadlock (40P01, e.g. two inserts waiting on each other's exclusion-constraint check) or a
 * serialization failure (40001).
 */
export const isTransientConflict = (error: unknown): boolean => {
  const state = sqlState(error);
  return state === '40P01' || state === '40001';
};
