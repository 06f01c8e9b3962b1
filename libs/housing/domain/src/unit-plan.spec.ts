import { describe, expect, it } from '@jest/globals';
import { AppError } from '@gm/shared-errors';
import { AddUnitsBodySchema } from '@gm/housing-contracts';
import { floorOfNumber, planUnits } from './unit-plan.js';

const body = (value: unknown) => AddUnitsBodySchema.parse(value);
const ONE_BED = { bedrooms: 1, areaSqm: 45, monthlyRent: 1350 };
const TWO_BED = { bedrooms: 2, areaSqm: 65, monthlyRent: 1950 };

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('planUnits', () => {
  it('numbers a building plan floor first, position in two digits', () => {
    const units = planUnits(
      body({ building: { code: '5', floors: 3, layout: [ONE_BED, TWO_BED] } }),
    );
    expect(units.map((u) => u.number)).toEqual(['101', '102', '201', '202', '301', '302']);
    expect(units.map((u) => u.floor)).toEqual([1, 1, 2, 2, 3, 3]);
    expect(units[3]).toMatchObject({ building: '5', ...TWO_BED, path: 'building.layout.1' });
    const upper = planUnits(
      body({ building: { code: '5', floors: 2, firstFloor: 11, layout: [ONE_BED] } }),
    );
    expect(upper.map((u) => u.number)).toEqual(['1101', '1201']);
  });

  it('reads the floor from a number when the row leaves it out', () => {
    expect(floorOfNumber('1203')).toBe(12);
    expect(floorOfNumber('101')).toBe(1);
    expect(floorOfNumber('12')).toBeUndefined();
    expect(floorOfNumber('A01')).toBeUndefined();
    const [a, b] = planUnits(
      body({
        units: [
          { building: '1', number: '1203', ...ONE_BED },
          { building: '1', number: 'G1', floor: 0, ...ONE_BED },
        ],
      }),
    );
    expect([a.floor, b.floor]).toEqual([12, 0]);
  });

  it('refuses the whole list naming every bad row: an unreadable floor, a number given twice', () => {
    const error = refusal(() =>
      planUnits(
        body({
          units: [
            { building: '1', number: '101', ...ONE_BED },
            { building: '1', number: 'PH', ...ONE_BED },
            { building: '2', number: '101', ...ONE_BED },
            { building: '1', number: '101', ...TWO_BED },
          ],
        }),
      ),
    );
    expect(error.code).toBe('invalid-input');
    expect(error.errors).toEqual([
      expect.objectContaining({ path: 'units.1.floor', code: 'unit.floor' }),
      expect.objectContaining({
        path: 'units.3.number',
        code: 'unit.duplicate',
        message: 'building 1, number 101 is also units.0',
      }),
    ]);
  });
});

describe('AddUnitsBodySchema', () => {
  it('names the bad field of the bad row', () => {
    const result = AddUnitsBodySchema.safeParse({
      units: [
        { building: '1', number: '101', ...ONE_BED },
        { building: '1', number: '102', ...ONE_BED },
        { building: '1', number: '103', ...ONE_BED },
        { building: '1', number: '104', ...ONE_BED, areaSqm: -3 },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual(['units.3.areaSqm']);
  });

  it('takes a list or a building plan, one of the two, of at most 2000 units', () => {
    const plan = { code: '5', floors: 2, layout: [ONE_BED] };
    const unit = { building: '1', number: '101', ...ONE_BED };
    expect(AddUnitsBodySchema.safeParse({ units: [unit], building: plan }).success).toBe(false);
    expect(AddUnitsBodySchema.safeParse({}).success).toBe(false);
    const big = AddUnitsBodySchema.safeParse({
      building: { ...plan, floors: 100, layout: Array(21).fill(ONE_BED) },
    });
    expect(big.error!.issues.map((i) => i.path.join('.'))).toEqual(['building.floors']);
    expect(AddUnitsBodySchema.safeParse({ units: [{ ...unit, number: '1-01' }] }).success).toBe(
      false,
    );
  });
});
