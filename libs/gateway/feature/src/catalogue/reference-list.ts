import { z } from 'zod';
import { PageQuerySchema, type Page } from '@gm/shared-contracts';

/**
 * Reference lists (units, departments, categories) are short and come whole from their
 * service; the gateway pages them like every other list, with a page size that fits them all
 * by default.
 */
export const ReferenceListQuerySchema = PageQuerySchema.extend({
  pageSize: z.coerce.number().int().min(1).max(100).default(100),
});
export type ReferenceListQuery = z.infer<typeof ReferenceListQuerySchema>;

export function pageOfList<T>(
  items: readonly T[],
  { page, pageSize }: ReferenceListQuery,
): Page<T> {
  const start = (page - 1) * pageSize;
  return { items: items.slice(start, start + pageSize), page, pageSize, total: items.length };
}
