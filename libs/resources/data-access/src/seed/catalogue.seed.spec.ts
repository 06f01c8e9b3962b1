import { describe, expect, it } from '@jest/globals';
import { stableId } from '@gm/shared-contracts';
import { ResourceSchema } from '@gm/resources-contracts';
import { toResource } from '../resource.mapper.js';
import { demoCatalogue } from './catalogue.seed.js';

const { units, resources } = demoCatalogue();
const unitById = new Map(units.map((u) => [u.id, u]));
const byCode = new Map(resources.map((r) => [r.code, r]));
const firstTen = resources.filter((r) => Number(r.code.slice(-3)) <= 10);

/** A seed row as the repository reads it back, joined with its unit. */
const asRead = (row: (typeof resources)[number]) => {
  const unit = unitById.get(row.unit_id)!;
  return {
    ...row,
    status: row.status ?? 'available',
    location: row.location,
    opening_hours: JSON.parse(row.opening_hours),
    created_at: new Date(),
    updated_at: new Date(),
    unit_code: unit.code,
    unit_name: unit.name,
    unit_name_en: unit.name_en,
  } as Parameters<typeof toResource>[0];
};

describe('demo catalogue', () => {
  it('holds the 30 member units and the 78 resources GM-R-001 … GM-R-078', () => {
    expect(units).toHaveLength(30);
    expect(new Set(units.map((u) => u.code)).size).toBe(30);
    expect(resources.map((r) => r.code)).toEqual(
      Array.from({ length: 78 }, (_, i) => `GM-R-${String(i + 1).padStart(3, '0')}`),
    );
  });

  it('gives every unit at least one resource and ids other seeds can compute', () => {
    expect(new Set(resources.map((r) => r.unit_id))).toEqual(new Set(units.map((u) => u.id)));
    for (const unit of units) expect(unit.id).toBe(stableId('unit', unit.code));
    for (const resource of resources) expect(resource.id).toBe(stableId('resource', resource.code));
  });

  it('keeps the fixed facts other parts rely on', () => {
    expect(byCode.get('GM-R-001')?.unit_id).toBe(stableId('unit', 'SZBL'));
    expect(byCode.get('GM-R-001')?.requires_approval).toBe(true);
    const forbiddenOwners = new Set([stableId('unit', 'SYSU-SZ'), stableId('unit', 'SIAT')]);
    expect(units.filter((u) => forbiddenOwners.has(u.id))).toHaveLength(2);
    expect(firstTen.filter((r) => forbiddenOwners.has(r.unit_id))).toEqual([]);
    expect(firstTen.some((r) => !r.requires_approval)).toBe(true);
    for (const r of firstTen) {
      expect(r.required_qualification).toBeNull();
      expect(r.monthly_cap_hours_per_unit).toBeNull();
      expect(r.status).toBe('available');
    }
  });

  it('marks every description as demo data, in both languages', () => {
    for (const r of resources) {
      expect(r.description).toContain('示例数据');
      expect(r.description_en).toContain('Demo data');
    }
  });

  it('maps every row to a valid resource of the contract', () => {
    for (const row of resources) {
      const resource = toResource(asRead(row));
      expect(ResourceSchema.parse(resource)).toEqual(resource);
    }
  });

  it('maps columns to the contract field by field', () => {
    const resource = toResource(asRead(byCode.get('GM-R-001')!));
    expect(resource).toMatchObject({
      id: stableId('resource', 'GM-R-001'),
      code: 'GM-R-001',
      category: 'instrument',
      unit: {
        id: stableId('unit', 'SZBL'),
        code: 'SZBL',
        name: '深圳湾实验室',
        nameEn: 'Shenzhen Bay Laboratory',
      },
      policy: {
        requiresApproval: true,
        minMinutes: 30,
        maxMinutes: 240,
        bufferMinutes: 15,
        bufferBeforeMinutes: 15,
        bufferAfterMinutes: 15,
        requiredQualification: null,
        monthlyCapHoursPerUnit: null,
      },
      status: 'available',
    });
  });
});
