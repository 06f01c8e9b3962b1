import { isEligible, priorityAt, type CompiledProblem } from './allocation-problem.js';

/**
 * Applicant-proposing deferred acceptance (Gale & Shapley 1962) with capacities: applicants
 * propose down their lists; each unit holds the best of its proposers by its own priority (the
 * master order where it has none) up to capacity and rejects the rest. Stable, and strategy-proof
 * for applicants; the outcome does not depend on the order of proposals. Tenancy plays no part.
 * Returns the unit of each applicant (by place in the order), or -1.
 */
export function deferredAcceptance(problem: CompiledProblem): Int32Array {
  const n = problem.applicantIds.length;
  const m = problem.unitIds.length;
  const { prefStart, prefUnits, unitRank, capacity } = problem;
  const assigned = new Int32Array(n).fill(-1);
  const pointer = Int32Array.from(prefStart.subarray(0, n));
  // Each unit's held proposers as a max-heap on priority place: the weakest is at the root.
  const held: number[][] = Array.from({ length: m }, () => []);
  const free: number[] = [];
  for (let a = n - 1; a >= 0; a--) free.push(a);

  while (free.length > 0) {
    const a = free.pop()!;
    while (pointer[a] < prefStart[a + 1]) {
      const u = prefUnits[pointer[a]++];
      if (capacity[u] === 0 || !isEligible(unitRank, a, u)) continue;
      const heap = held[u];
      const place = (x: number) => priorityAt(problem, u, x);
      if (heap.length < capacity[u]) {
        heapPush(heap, a, place);
        assigned[a] = u;
        break;
      }
      const weakest = heap[0];
      if (place(a) < place(weakest)) {
        heap[0] = a;
        siftDown(heap, 0, place);
        assigned[a] = u;
        assigned[weakest] = -1;
        free.push(weakest);
        break;
      }
    }
  }
  return assigned;
}

function heapPush(heap: number[], x: number, place: (x: number) => number): void {
  heap.push(x);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (place(heap[parent]) >= place(heap[i])) break;
    [heap[parent], heap[i]] = [heap[i], heap[parent]];
    i = parent;
  }
}

function siftDown(heap: number[], i: number, place: (x: number) => number): void {
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let largest = i;
    if (left < heap.length && place(heap[left]) > place(heap[largest])) largest = left;
    if (right < heap.length && place(heap[right]) > place(heap[largest])) largest = right;
    if (largest === i) return;
    [heap[largest], heap[i]] = [heap[i], heap[largest]];
    i = largest;
  }
}
