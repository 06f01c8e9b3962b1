import { describe, expect, it } from '@jest/globals';
import { ReferenceListQuerySchema, pageOfList } from './reference-list.js';

const items = Array.from({ length: 30 }, (_, i) => i + 1);

describe('reference lists', () => {
  it('fit in one page by default', () => {
    const page = pageOfList(items, ReferenceListQuerySchema.parse({}));
    expect(page).toEqual({ items, page: 1, pageSize: 100, total: 30 });
  });

  it('page like every other list', () => {
    const page = pageOfList(items, ReferenceListQuerySchema.parse({ page: '3', pageSize: '12' }));
    expect(page).toEqual({ items: [25, 26, 27, 28, 29, 30], page: 3, pageSize: 12, total: 30 });
    expect(pageOfList(items, { page: 4, pageSize: 12 }).items).toEqual([]);
  });

  it('allow at most 100 per page', () => {
    const result = ReferenceListQuerySchema.safeParse({ pageSize: '500' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['pageSize']);
  });
});
