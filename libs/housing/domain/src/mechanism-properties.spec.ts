import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { allocate, runMechanism } from './allocate.js';
import {
  compileProblem,
  priorityAt,
  type AllocationMethod,
  type AllocationProblem,
  type CompiledProblem,
} from './allocation-problem.js';
import {
  blockingPairs,
  effectivePreferences,
  feasibilityViolations,
  paretoImprovement,
  prefers,
} from './matching-checks.js';

// Fixed seeds: every run checks the same instances, and a failure names its counterexample.
// Shrinking a chained arbitrary can take minutes; the instances are small enough to read unshrunk.
const RUNS = { seed: 20240605, numRuns: 150, endOnFailure: true } as const;
const METHODS: AllocationMethod[] = ['serial-dictatorship', 'yrmh-igyt', 'deferred-acceptance'];

interface Shape {
  applicants: number;
  units: number;
  tenants?: boolean;
  priorities?: boolean;
  maxCapacity?: number;
}

/** Small problems (brute force stays cheap): ids a0.., u0.., order a0 first. */
function problems(shape: Shape): fc.Arbitrary<AllocationProblem> {
  const unitIds = Array.from({ length: shape.units }, (_, i) => `u${i}`);
  return fc.integer({ min: 1, max: shape.applicants }).chain((n) => {
    const applicantIds = Array.from({ length: n }, (_, i) => `a${i}`);
    return fc
      .record({
        capacities: fc.array(fc.integer({ min: 0, max: shape.maxCapacity ?? 2 }), {
          minLength: shape.units,
          maxLength: shape.units,
        }),
        lists: fc.array(fc.shuffledSubarray(unitIds), { minLength: n, maxLength: n }),
        homes: fc.array(
          shape.tenants
            ? fc.option(fc.integer({ min: 0, max: shape.units - 1 }))
            : fc.constant(null),
          { minLength: n, maxLength: n },
        ),
        priorities: fc.array(
          shape.priorities ? fc.option(fc.shuffledSubarray(applicantIds)) : fc.constant(null),
          { minLength: shape.units, maxLength: shape.units },
        ),
        order: fc.shuffledSubarray(applicantIds, { minLength: n, maxLength: n }),
      })
      .map(({ capacities, lists, homes, priorities, order }) => {
        const tenants = new Array<number>(shape.units).fill(0);
        const applicants = applicantIds.map((id, a) => {
          const home = homes[a];
          // A tenancy needs a dwelling: give the unit one more when it is full.
          if (home !== null) {
            tenants[home]++;
            capacities[home] = Math.max(capacities[home], tenants[home]);
          }
          return {
            id,
            preferences: lists[a],
            ...(home === null ? {} : { tenantOf: unitIds[home] }),
          };
        });
        return {
          applicants,
          units: unitIds.map((id, u) => ({
            id,
            capacity: capacities[u],
            ...(priorities[u] ? { priority: priorities[u]! } : {}),
          })),
          order,
        };
      });
  });
}

type Mechanism = (problem: CompiledProblem) => Int32Array;
const mechanism =
  (method: AllocationMethod): Mechanism =>
  (p) =>
    runMechanism(method, p);

/** Every list a misreporting applicant could submit: ordered subsets of the units. */
function allLists(units: string[]): string[][] {
  const out: string[][] = [[]];
  const extend = (prefix: string[]) => {
    for (const u of units) {
      if (prefix.includes(u)) continue;
      const next = [...prefix, u];
      out.push(next);
      extend(next);
    }
  };
  extend([]);
  return out;
}

/** An applicant and a list that gets it something it truly prefers, or null. */
function profitableMisreport(
  problem: AllocationProblem,
  run: Mechanism,
  method: AllocationMethod,
): { applicant: string; list: string[] } | null {
  const truth = compileProblem(problem);
  const truePrefs = effectivePreferences(truth, method);
  const honest = run(truth);
  const lists = allLists(problem.units.map((u) => u.id));
  for (let a = 0; a < truth.applicantIds.length; a++) {
    const id = truth.applicantIds[a];
    for (const list of lists) {
      const lie = compileProblem({
        ...problem,
        applicants: problem.applicants.map((x) => (x.id === id ? { ...x, preferences: list } : x)),
      });
      if (prefers(truePrefs[a], run(lie)[a], honest[a])) return { applicant: id, list };
    }
  }
  return null;
}

const unitsOf = (p: CompiledProblem, assigned: Int32Array) =>
  new Map(p.applicantIds.map((id, a) => [id, assigned[a]]));

describe('every mechanism', () => {
  it.each(METHODS)('%s is feasible and Pareto-efficient (brute force)', (method) => {
    fc.assert(
      fc.property(
        problems({ applicants: 5, units: 4, tenants: true, priorities: true }),
        (problem) => {
          const p = compileProblem(problem);
          const assigned = runMechanism(method, p);
          const prefs = effectivePreferences(p, method);
          expect(feasibilityViolations(prefs, p.capacity, assigned)).toEqual([]);
          // DA trades efficiency for stability when units rank differently; SD and YRMH must be efficient.
          if (method !== 'deferred-acceptance') {
            expect(paretoImprovement(prefs, p.capacity, assigned)).toBeNull();
          }
        },
      ),
      RUNS,
    );
  });

  it.each(METHODS)('%s admits no profitable misreport (every list enumerated)', (method) => {
    fc.assert(
      fc.property(
        problems({ applicants: 4, units: 3, tenants: true, priorities: true }),
        (problem) => {
          expect(profitableMisreport(problem, mechanism(method), method)).toBeNull();
        },
      ),
      { ...RUNS, numRuns: 60 },
    );
  });

  it.each(METHODS)('%s gives the same bytes whatever the order of the input arrays', (method) => {
    fc.assert(
      fc.property(
        problems({ applicants: 6, units: 4, tenants: true, priorities: true }),
        fc.boolean(),
        fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
        (problem, bySeed, noise) => {
          const base = bySeed ? { ...problem, order: undefined, seed: 'round-7' } : problem;
          const shuffle = <T>(xs: readonly T[]) =>
            xs
              .map((x) => ({ x, k: noise.next().value }))
              .sort((p, q) => p.k - q.k)
              .map(({ x }) => x);
          const shuffled = {
            ...base,
            applicants: shuffle(base.applicants),
            units: shuffle(base.units),
          };
          expect(JSON.stringify(allocate(method, shuffled))).toBe(
            JSON.stringify(allocate(method, base)),
          );
        },
      ),
      RUNS,
    );
  });
});

describe('deferred acceptance', () => {
  it('leaves no justified envy and wastes no dwelling (stability)', () => {
    fc.assert(
      fc.property(problems({ applicants: 6, units: 4, priorities: true }), (problem) => {
        const p = compileProblem(problem);
        const assigned = runMechanism('deferred-acceptance', p);
        const prefs = effectivePreferences(p, 'deferred-acceptance');
        expect(blockingPairs(p, prefs, assigned, (u, a) => priorityAt(p, u, a))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('equals serial dictatorship when every unit ranks by the master order', () => {
    fc.assert(
      fc.property(problems({ applicants: 6, units: 4 }), (problem) => {
        expect(allocate('deferred-acceptance', problem)).toEqual(
          allocate('serial-dictatorship', problem),
        );
      }),
      RUNS,
    );
  });
});

describe('YRMH-IGYT', () => {
  it('is individually rational: every tenant gets its own unit or one it lists above it', () => {
    fc.assert(
      fc.property(problems({ applicants: 6, units: 4, tenants: true }), (problem) => {
        const p = compileProblem(problem);
        const assigned = runMechanism('yrmh-igyt', p);
        const prefs = effectivePreferences(p, 'yrmh-igyt');
        p.applicantIds.forEach((_, a) => {
          if (p.tenantOf[a] !== -1) expect(prefs[a]).toContain(assigned[a]);
        });
      }),
      RUNS,
    );
  });

  it('equals serial dictatorship when nobody is a tenant', () => {
    fc.assert(
      fc.property(problems({ applicants: 6, units: 4, maxCapacity: 3 }), (problem) => {
        expect(allocate('yrmh-igyt', problem)).toEqual(allocate('serial-dictatorship', problem));
      }),
      RUNS,
    );
  });

  it("equals Gale's top trading cycles when everyone is a tenant and nothing is vacant", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }).chain((n) => {
          const ids = Array.from({ length: n }, (_, i) => `${i}`);
          return fc.tuple(
            fc.array(fc.shuffledSubarray(ids), { minLength: n, maxLength: n }),
            fc.shuffledSubarray(ids, { minLength: n, maxLength: n }),
          );
        }),
        ([lists, order]) => {
          const problem: AllocationProblem = {
            applicants: lists.map((preferences, i) => ({
              id: `${i}`,
              preferences,
              tenantOf: `${i}`,
            })),
            units: lists.map((_, i) => ({ id: `${i}` })),
            order,
          };
          const ttc = topTradingCycles(
            lists.map((l, i) => [...l.slice(0, l.indexOf(`${i}`) + 1 || l.length), `${i}`]),
          );
          expect(
            Object.fromEntries(
              allocate('yrmh-igyt', problem).assignments.map((x) => [x.applicantId, x.unitId]),
            ),
          ).toEqual(ttc);
        },
      ),
      RUNS,
    );
  });
});

/** Gale's TTC as Shapley and Scarf describe it: agent i owns house i; an independent reference. */
function topTradingCycles(lists: string[][]): Record<string, string> {
  const left = new Set(lists.map((_, i) => `${i}`));
  const result: Record<string, string> = {};
  while (left.size > 0) {
    const top = (i: string) => lists[Number(i)].find((h) => left.has(h))!;
    let walker = [...left][0];
    const seen: string[] = [];
    while (!seen.includes(walker)) {
      seen.push(walker);
      walker = top(walker);
    }
    for (const i of seen.slice(seen.indexOf(walker))) result[i] = top(i);
    for (const i of seen.slice(seen.indexOf(walker))) left.delete(i);
  }
  return result;
}

describe('population monotonicity and re-offers', () => {
  it.each(['serial-dictatorship', 'deferred-acceptance'] as const)(
    '%s: removing an applicant makes nobody worse off',
    (method) => {
      fc.assert(
        fc.property(
          problems({ applicants: 6, units: 4, priorities: true }),
          fc.nat(),
          (problem, pick) => {
            const p = compileProblem(problem);
            const before = unitsOf(p, runMechanism(method, p));
            const gone = problem.applicants[pick % problem.applicants.length].id;
            const fewer = compileProblem({
              applicants: problem.applicants.filter((a) => a.id !== gone),
              units: problem.units.map((u) => ({
                ...u,
                priority: u.priority?.filter((id) => id !== gone),
              })),
              order: problem.order!.filter((id) => id !== gone),
            });
            const after = unitsOf(fewer, runMechanism(method, fewer));
            const prefs = effectivePreferences(p, method);
            p.applicantIds.forEach((id, a) => {
              if (id !== gone)
                expect(prefers(prefs[a], before.get(id)!, after.get(id)!)).toBe(false);
            });
          },
        ),
        RUNS,
      );
    },
  );

  it('serial dictatorship re-run after accepts and declines pushes nobody still waiting down', () => {
    fc.assert(
      fc.property(
        problems({ applicants: 6, units: 4 }),
        fc.array(fc.constantFrom('accept', 'decline', 'pending'), { minLength: 6, maxLength: 6 }),
        (problem, answers) => {
          const p = compileProblem(problem);
          const offers = unitsOf(p, runMechanism('serial-dictatorship', p));
          const answer = (id: string) =>
            offers.get(id) === -1 ? 'waiting' : answers[Number(id.slice(1))];
          const taken = new Map<string, number>();
          for (const [id, u] of offers) {
            if (answer(id) === 'accept')
              taken.set(p.unitIds[u], (taken.get(p.unitIds[u]) ?? 0) + 1);
          }
          const rest = compileProblem({
            applicants: problem.applicants.filter((a) =>
              ['pending', 'waiting'].includes(answer(a.id)),
            ),
            units: problem.units.map((u) => ({
              ...u,
              capacity: (u.capacity ?? 1) - (taken.get(u.id) ?? 0),
            })),
            order: problem.order!.filter((id) => ['pending', 'waiting'].includes(answer(id))),
          });
          const again = unitsOf(rest, runMechanism('serial-dictatorship', rest));
          const prefs = effectivePreferences(p, 'serial-dictatorship');
          p.applicantIds.forEach((id, a) => {
            if (answer(id) === 'pending') {
              const reoffer = again.get(id)!;
              const after = reoffer === -1 ? -1 : p.unitIds.indexOf(rest.unitIds[reoffer]);
              expect(prefers(prefs[a], offers.get(id)!, after)).toBe(false);
            }
          });
        },
      ),
      RUNS,
    );
  });
});

describe('negative controls: the checkers catch broken mechanisms', () => {
  /** The Boston mechanism (immediate acceptance): manipulable and unstable. */
  const boston: Mechanism = (p) => {
    const n = p.applicantIds.length;
    const assigned = new Int32Array(n).fill(-1);
    const left = Int32Array.from(p.capacity);
    const prefs = effectivePreferences(p, 'deferred-acceptance');
    for (let round = 0; round < p.unitIds.length; round++) {
      const proposers = p.applicantIds
        .map((_, a) => a)
        .filter((a) => assigned[a] === -1 && prefs[a][round] !== undefined)
        .sort((a, b) => priorityAt(p, prefs[a][round], a) - priorityAt(p, prefs[b][round], b));
      for (const a of proposers) {
        const u = prefs[a][round];
        if (left[u] > 0) {
          left[u]--;
          assigned[a] = u;
        }
      }
    }
    return assigned;
  };
  /** Serial dictatorship run backwards: breaks priority. */
  const reversed: Mechanism = (p) => {
    const n = p.applicantIds.length;
    const assigned = new Int32Array(n).fill(-1);
    const left = Int32Array.from(p.capacity);
    for (let a = n - 1; a >= 0; a--) {
      for (let k = p.prefStart[a]; k < p.prefStart[a + 1]; k++) {
        if (left[p.prefUnits[k]] > 0) {
          left[p.prefUnits[k]]--;
          assigned[a] = p.prefUnits[k];
          break;
        }
      }
    }
    return assigned;
  };
  /** Gives everyone the last acceptable unit still free: wasteful. */
  const worstFirst: Mechanism = (p) => {
    const prefs = effectivePreferences(p, 'serial-dictatorship');
    const left = Int32Array.from(p.capacity);
    return Int32Array.from(prefs, (list) => {
      const u = [...list].reverse().find((x) => left[x] > 0);
      if (u === undefined) return -1;
      left[u]--;
      return u;
    });
  };

  const fails = (property: fc.IProperty<[AllocationProblem]>) =>
    fc.check(property, { ...RUNS, numRuns: 300 }).failed;

  it('the misreport search finds a manipulation of the Boston mechanism', () => {
    expect(
      fails(
        fc.property(
          problems({ applicants: 4, units: 3, priorities: true }),
          (problem) => profitableMisreport(problem, boston, 'deferred-acceptance') === null,
        ),
      ),
    ).toBe(true);
  });

  it('the stability check finds justified envy under Boston and reversed serial dictatorship', () => {
    for (const broken of [boston, reversed]) {
      expect(
        fails(
          fc.property(problems({ applicants: 5, units: 3 }), (problem) => {
            const p = compileProblem(problem);
            const prefs = effectivePreferences(p, 'deferred-acceptance');
            return blockingPairs(p, prefs, broken(p), (u, a) => priorityAt(p, u, a)).length === 0;
          }),
        ),
      ).toBe(true);
    }
  });

  it('the Pareto check finds an improvement on the worst-first mechanism', () => {
    expect(
      fails(
        fc.property(problems({ applicants: 5, units: 3 }), (problem) => {
          const p = compileProblem(problem);
          const prefs = effectivePreferences(p, 'serial-dictatorship');
          return paretoImprovement(prefs, p.capacity, worstFirst(p)) === null;
        }),
      ),
    ).toBe(true);
  });

  it('the individual-rationality check catches serial dictatorship used on tenants', () => {
    expect(
      fails(
        fc.property(problems({ applicants: 5, units: 3, tenants: true }), (problem) => {
          const p = compileProblem(problem);
          const assigned = runMechanism('serial-dictatorship', p);
          const prefs = effectivePreferences(p, 'yrmh-igyt');
          return p.applicantIds.every(
            (_, a) => p.tenantOf[a] === -1 || prefs[a].includes(assigned[a]),
          );
        }),
      ),
    ).toBe(true);
  });
});
