import { describe, expect, it } from '@jest/globals';
import { AppError } from '@gm/shared-errors';
import {
  checkItemDecisions,
  itemsResolutionSummary,
  itemStatusOf,
  type ItemOnRecord,
} from './item-resolution.js';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'aaaaaaaa-0000-4000-8000-000000000002';
const C = 'aaaaaaaa-0000-4000-8000-000000000003';
const UNKNOWN = 'ffffffff-0000-4000-8000-000000000000';

const items = new Map<string, ItemOnRecord>([
  [A, { id: A, status: 'open', beneficiaryName: '张三' }],
  [B, { id: B, status: 'open', beneficiaryName: '李四' }],
  [C, { id: C, status: 'resolved', beneficiaryName: '王五' }],
]);

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('item decisions', () => {
  it('maps a refusal to rejected and every other outcome to resolved', () => {
    expect(itemStatusOf('refused')).toBe('rejected');
    expect(itemStatusOf('granted')).toBe('resolved');
    expect(itemStatusOf('partially-granted')).toBe('resolved');
    expect(itemStatusOf('withdrawn')).toBe('resolved');
  });

  it('accepts items of the ticket, a settled one decided again included, in request order', () => {
    const decided = checkItemDecisions(
      [
        { itemId: B, outcome: 'granted', reply: '准予' },
        { itemId: C, outcome: 'refused', reply: '不予', basis: '第五条' },
      ],
      items,
    );
    expect(decided.map((i) => i.beneficiaryName)).toEqual(['李四', '王五']);
  });

  it('refuses the whole request naming each bad entry: unknown, repeated, refusal without basis', () => {
    const error = refusal(() =>
      checkItemDecisions(
        [
          { itemId: A, outcome: 'granted', reply: 'ok' },
          { itemId: UNKNOWN, outcome: 'granted', reply: 'ok' },
          { itemId: A, outcome: 'withdrawn', reply: 'again' },
          { itemId: B, outcome: 'refused', reply: 'no' },
        ],
        items,
      ),
    );
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(/^3 of 4 item decision\(s\) cannot be taken, so none was/);
    expect(error.errors).toEqual([
      expect.objectContaining({ path: 'items.1.itemId', code: 'item.unknown' }),
      expect.objectContaining({
        path: 'items.2.itemId',
        code: 'item.repeated',
        message: expect.stringContaining('items.0'),
      }),
      expect.objectContaining({
        path: 'items.3.basis',
        code: 'item.basis-required',
        message: expect.stringContaining('李四'),
      }),
    ]);
  });

  it('names the field alone for a one-item body', () => {
    const error = refusal(() =>
      checkItemDecisions([{ itemId: A, outcome: 'refused', reply: 'no' }], items, () => ''),
    );
    expect(error.errors).toEqual([expect.objectContaining({ path: 'basis' })]);
  });

  it('summarises the outcomes in both languages for the ticket’s own resolution', () => {
    expect(
      itemsResolutionSummary({
        total: 24,
        open: 0,
        byOutcome: { granted: 20, 'partially-granted': 0, refused: 3, withdrawn: 1 },
      }),
    ).toBe(
      '全部 24 项已办结：准予 20，不予 3，撤回 1 / all 24 items settled: 20 granted, 3 refused, 1 withdrawn',
    );
  });
});
