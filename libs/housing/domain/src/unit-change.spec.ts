import { describe, expect, it } from '@jest/globals';
import { AppError } from '@gm/shared-errors';
import { HousingProjectChangesSchema, UnitChangesSchema } from '@gm/housing-contracts';
import {
  checkProjectRetirement,
  checkUnitRetirement,
  decideUnitChange,
  type UnitState,
} from './unit-change.js';

const unit = (patch: Partial<UnitState> = {}): UnitState => ({
  status: 'available',
  bedrooms: 2,
  areaSqm: 65,
  monthlyRent: 1950,
  unavailableReason: null,
  retired: false,
  ...patch,
});
const changes = (value: unknown) => UnitChangesSchema.parse(value);

function refusal(run: () => unknown): [string, string | undefined] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return [(error as AppError).code, (error as AppError).type];
  }
  throw new Error('expected a refusal');
}

describe('decideUnitChange', () => {
  it('changes rent, area and bedrooms of an available unit, naming what changed', () => {
    const outcome = decideUnitChange(
      unit(),
      changes({ monthlyRent: 2000, bedrooms: 2, areaSqm: 66.5 }),
      null,
    );
    expect(outcome.next).toMatchObject({ monthlyRent: 2000, bedrooms: 2, areaSqm: 66.5 });
    expect(outcome.attributes).toEqual(['monthlyRent', 'areaSqm']);
    expect(outcome.changes).toEqual({
      monthlyRent: { from: 1950, to: 2000 },
      areaSqm: { from: 65, to: 66.5 },
    });
    expect(outcome.statusChanged).toBe(false);
  });

  it('moves a unit between available and unavailable with a reason, and back', () => {
    const down = decideUnitChange(
      unit(),
      changes({ status: 'unavailable', reason: 'maintenance' }),
      null,
    );
    expect(down.next).toMatchObject({ status: 'unavailable', unavailableReason: 'maintenance' });
    expect(down.statusChanged).toBe(true);
    expect(down.attributes).toEqual([]);
    const up = decideUnitChange(unit(down.next), changes({ status: 'available' }), null);
    expect(up.next).toMatchObject({ status: 'available', unavailableReason: null });
    expect(up.changes).toEqual({
      status: { from: 'unavailable', to: 'available' },
      unavailableReason: { from: 'maintenance', to: null },
    });
    const same = decideUnitChange(unit(), changes({ status: 'available' }), null);
    expect(same.changes).toEqual({});
  });

  it('leaves offered and allocated to offers and vacating', () => {
    expect(refusal(() => decideUnitChange(unit(), changes({ status: 'offered' }), null))).toEqual([
      'conflict',
      'unit-status',
    ]);
    expect(refusal(() => decideUnitChange(unit(), changes({ status: 'allocated' }), null))).toEqual(
      ['conflict', 'unit-status'],
    );
    for (const status of ['offered', 'allocated'] as const) {
      expect(
        refusal(() => decideUnitChange(unit({ status }), changes({ monthlyRent: 1 }), null)),
      ).toEqual(['conflict', 'unit-state']);
      expect(
        refusal(() =>
          decideUnitChange(
            unit({ status }),
            changes({ status: 'unavailable', reason: 'reserved' }),
            null,
          ),
        ),
      ).toEqual(['conflict', 'unit-state']);
    }
  });

  it('keeps what a running round allocates by, but lets the rent change', () => {
    for (const body of [
      { bedrooms: 3 },
      { areaSqm: 70 },
      { status: 'unavailable', reason: 'reserved' },
    ]) {
      expect(refusal(() => decideUnitChange(unit(), changes(body), 'round-1'))).toEqual([
        'conflict',
        'unit-in-round',
      ]);
    }
    expect(decideUnitChange(unit(), changes({ monthlyRent: 1800 }), 'round-1').attributes).toEqual([
      'monthlyRent',
    ]);
    // Naming today's values is no change, so nothing to refuse.
    expect(decideUnitChange(unit(), changes({ bedrooms: 2 }), 'round-1').changes).toEqual({});
  });

  it('changes nothing of a retired unit', () => {
    expect(
      refusal(() => decideUnitChange(unit({ retired: true }), changes({ monthlyRent: 1 }), null)),
    ).toEqual(['conflict', 'unit-retired']);
  });
});

describe('retirement', () => {
  it('retires a unit neither offered, let, in a running round, nor retired already', () => {
    expect(() => checkUnitRetirement(unit({ status: 'unavailable' }), null)).not.toThrow();
    expect(refusal(() => checkUnitRetirement(unit({ status: 'offered' }), null))).toEqual([
      'conflict',
      'unit-state',
    ]);
    expect(refusal(() => checkUnitRetirement(unit(), 'round-1'))).toEqual([
      'conflict',
      'unit-in-round',
    ]);
    expect(refusal(() => checkUnitRetirement(unit({ retired: true }), null))).toEqual([
      'conflict',
      'unit-retired',
    ]);
  });

  it('retires a project only once its units are settled and out of running rounds', () => {
    expect(() => checkProjectRetirement([{ status: 'available' }], [])).not.toThrow();
    expect(() => checkProjectRetirement([], [])).not.toThrow();
    expect(
      refusal(() => checkProjectRetirement([{ status: 'allocated' }, { status: 'offered' }], [])),
    ).toEqual(['conflict', 'project-state']);
    expect(refusal(() => checkProjectRetirement([{ status: 'available' }], ['r1']))).toEqual([
      'conflict',
      'project-in-round',
    ]);
  });
});

describe('the change bodies', () => {
  const paths = (result: { error?: { issues: { path: PropertyKey[] }[] } }) =>
    result.error?.issues.map((i) => i.path.join('.'));

  it('needs a reason with unavailable, and only then', () => {
    expect(paths(UnitChangesSchema.safeParse({ status: 'unavailable' }))).toEqual(['reason']);
    expect(paths(UnitChangesSchema.safeParse({ status: 'available', reason: 'reserved' }))).toEqual(
      ['reason'],
    );
    expect(UnitChangesSchema.safeParse({ note: 'only a note' }).success).toBe(false);
    expect(UnitChangesSchema.safeParse({ monthlyRent: 10, floor: 3 }).success).toBe(false);
  });

  it("refuses to change a project's code, saying why", () => {
    const result = HousingProjectChangesSchema.safeParse({ code: 'NEW', name: 'x' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toMatch(/code never changes/);
    expect(HousingProjectChangesSchema.safeParse({}).success).toBe(false);
  });
});
