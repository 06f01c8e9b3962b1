import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { invalidInput } from '@gm/shared-errors';

/** Parses `value` with a contract schema; a failure is a 400 naming every bad field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what = 'input',
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInput(result.error.issues, what);
  return result.data;
}

/** `@Query(new ZodValidationPipe(Schema, 'query'))`: the handler receives the parsed value. */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    private readonly schema: S,
    private readonly what = 'input',
  ) {}

  transform(value: unknown): z.output<S> {
    return parseInput(this.schema, value, this.what);
  }
}
