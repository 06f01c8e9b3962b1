import { AppError, type FieldError } from '@gm/shared-errors';
import type { AddUnitsBody } from '@gm/housing-contracts';

/** One unit to add, with where the request named it (for errors: `units.3`, `building.layout.1`). */
export interface PlannedUnit {
  building: string;
  number: string;
  floor: number;
  bedrooms: number;
  areaSqm: number;
  monthlyRent: number;
  path: string;
}

/** The district numbers dwellings floor first: `1203` is position 03 of floor 12. */
export function floorOfNumber(number: string): number | undefined {
  return /^\d{3,}$/.test(number) ? Number(number.slice(0, -2)) : undefined;
}

/** `1203` for position 3 of floor 12. */
export const numberOf = (floor: number, position: number): string =>
  `${floor}${String(position).padStart(2, '0')}`;

/**
 * The units a request adds, a list or a building's floors × layout, checked as a whole: a floor
 * that cannot be read from its number, or a building and number named twice, refuses everything
 * with every bad row named. The request's fields are already valid one by one (the contract).
 */
export function planUnits(body: AddUnitsBody): PlannedUnit[] {
  const errors: FieldError[] = [];
  const planned: PlannedUnit[] = [];
  if (body.units) {
    body.units.forEach((unit, i) => {
      const floor = unit.floor ?? floorOfNumber(unit.number);
      if (floor === undefined) {
        errors.push({
          path: `units.${i}.floor`,
          code: 'unit.floor',
          message: `give the floor: it cannot be read from number ${unit.number}`,
        });
        return;
      }
      const { building, number, bedrooms, areaSqm, monthlyRent } = unit;
      planned.push({
        building,
        number,
        floor,
        bedrooms,
        areaSqm,
        monthlyRent,
        path: `units.${i}`,
      });
    });
  }
  if (body.building) {
    const { code, floors, firstFloor, layout } = body.building;
    for (let floor = firstFloor; floor < firstFloor + floors; floor++) {
      layout.forEach((type, p) =>
        planned.push({
          building: code,
          number: numberOf(floor, p + 1),
          floor,
          ...type,
          path: `building.layout.${p}`,
        }),
      );
    }
  }
  const first = new Map<string, string>();
  for (const unit of planned) {
    const key = `${unit.building}\u0000${unit.number}`;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, unit.path);
    else {
      errors.push({
        path: `${unit.path}.number`,
        code: 'unit.duplicate',
        message: `building ${unit.building}, number ${unit.number} is also ${earlier}`,
      });
    }
  }
  if (errors.length > 0) {
    throw AppError.invalid(
      `invalid units: ${errors.map((e) => e.path).join(', ')}`,
      errors,
      'housing-units-invalid',
    );
  }
  return planned;
}
