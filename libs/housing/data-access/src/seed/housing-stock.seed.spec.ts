import { describe, expect, it } from '@jest/globals';
import { stableId } from '@gm/shared-contracts';
import { toUnitCounts } from '../project.mapper.js';
import { demoHousingStock } from './housing-stock.seed.js';

const stock = demoHousingStock();

describe('demo housing stock', () => {
  it('has a few demo projects, 长圳 among them, and a few hundred units', () => {
    expect(stock.projects.length).toBeGreaterThanOrEqual(3);
    expect(stock.projects.find((p) => p.code === 'CZ')?.name).toContain('长圳');
    expect(stock.projects.find((p) => p.code === 'CZ')?.id).toBe(stableId('housing-project', 'CZ'));
    expect(stock.units.length).toBeGreaterThanOrEqual(200);
    expect(stock.units.length).toBeLessThan(1000);
  });

  it('keeps ids unique and every unit in a seeded building', () => {
    const buildingIds = new Set(stock.buildings.map((b) => b.id));
    expect(new Set(stock.units.map((u) => u.id)).size).toBe(stock.units.length);
    expect(stock.units.every((u) => buildingIds.has(u.building_id))).toBe(true);
    const projectIds = new Set(stock.projects.map((p) => p.id));
    expect(stock.buildings.every((b) => projectIds.has(b.project_id))).toBe(true);
  });

  it('numbers units by floor and position, and marks let and withdrawn units', () => {
    const cz1 = stock.buildings.find((b) => b.id === stableId('housing-building', 'CZ/1'))!;
    const unit = (number: string) =>
      stock.units.find((u) => u.building_id === cz1.id && u.number === number)!;
    expect(unit('101').status).toBe('unavailable');
    expect(unit('403')).toMatchObject({ floor: 4, status: 'allocated', bedrooms: 2 });
    expect(unit('1204')).toMatchObject({ floor: 12, status: 'available', bedrooms: 3 });
  });

  it('keeps most units available for allocation', () => {
    const counts = toUnitCounts(stock.units.map((u) => ({ status: u.status!, count: 1 })));
    expect(counts.byStatus.available).toBeGreaterThan(counts.total / 2);
    expect(counts.byStatus.allocated).toBeGreaterThan(0);
    expect(counts.byStatus.unavailable).toBeGreaterThan(0);
  });
});
