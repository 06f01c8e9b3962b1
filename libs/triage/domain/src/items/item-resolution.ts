import { AppError, type FieldError } from '@gm/shared-errors';
import {
  ITEM_OUTCOMES,
  type ItemOutcome,
  type TicketItemCounts,
  type TicketItemStatus,
} from '@gm/triage-contracts';

/** The item status an outcome leaves: a refusal is `rejected`, every other outcome `resolved`. */
export function itemStatusOf(outcome: ItemOutcome): Exclude<TicketItemStatus, 'open'> {
  return outcome === 'refused' ? 'rejected' : 'resolved';
}

/** One decision asked for, as the request gave it. */
export interface ItemDecisionRequest {
  itemId: string;
  outcome: ItemOutcome;
  reply: string;
  basis?: string;
}

/** An item as the check reads it. */
export interface ItemOnRecord {
  id: string;
  status: TicketItemStatus;
  beneficiaryName: string;
}

const field = (prefix: string, name: string) => (prefix ? `${prefix}.${name}` : name);

/**
 * Checks a bulk decision before anything is written (all or nothing): every item belongs to the
 * ticket and is named once, and every refusal gives its basis. Throws `invalid-input` naming each
 * bad entry by its index and item; returns the items the decisions settle, in request order.
 */
export function checkItemDecisions(
  requests: readonly ItemDecisionRequest[],
  items: ReadonlyMap<string, ItemOnRecord>,
  /** Where each request sits in the body (`items.3`), or '' for a one-item body. */
  pathOf: (index: number) => string = (index) => `items.${index}`,
): ItemOnRecord[] {
  const errors: FieldError[] = [];
  const firstIndex = new Map<string, number>();
  requests.forEach((request, index) => {
    const path = pathOf(index);
    const item = items.get(request.itemId);
    if (!item) {
      errors.push({
        path: field(path, 'itemId'),
        message: `no item ${request.itemId} on this ticket`,
        code: 'item.unknown',
      });
    }
    const first = firstIndex.get(request.itemId);
    if (first !== undefined) {
      errors.push({
        path: field(path, 'itemId'),
        message: `item ${request.itemId} is already decided at ${pathOf(first)}`,
        code: 'item.repeated',
      });
    } else {
      firstIndex.set(request.itemId, index);
    }
    if (request.outcome === 'refused' && !request.basis) {
      errors.push({
        path: field(path, 'basis'),
        message: `a refusal${item ? ` of ${item.beneficiaryName}` : ''} must cite its basis`,
        code: 'item.basis-required',
      });
    }
  });
  if (errors.length > 0) {
    const bad = new Set(errors.map((e) => e.path.replace(/\.?(itemId|basis)$/, '')));
    throw AppError.invalid(
      `${bad.size} of ${requests.length} item decision(s) cannot be taken, so none was: ${errors[0]!.message}`,
      errors,
    );
  }
  return requests.map((request) => items.get(request.itemId)!);
}

const OUTCOME_TEXT: Record<ItemOutcome, [zh: string, en: string]> = {
  granted: ['准予', 'granted'],
  'partially-granted': ['部分准予', 'partially granted'],
  refused: ['不予', 'refused'],
  withdrawn: ['撤回', 'withdrawn'],
};

/**
 * The resolution a ticket takes by itself when its last item is settled: the count of each
 * outcome, in both languages, e.g. `全部 3 项已办结：准予 2，不予 1 / all 3 items settled: 2 granted, 1 refused`.
 */
export function itemsResolutionSummary(counts: TicketItemCounts): string {
  const present = ITEM_OUTCOMES.filter((o) => counts.byOutcome[o] > 0);
  const zh = present.map((o) => `${OUTCOME_TEXT[o][0]} ${counts.byOutcome[o]}`).join('，');
  const en = present.map((o) => `${counts.byOutcome[o]} ${OUTCOME_TEXT[o][1]}`).join(', ');
  return `全部 ${counts.total} 项已办结：${zh} / all ${counts.total} items settled: ${en}`;
}
