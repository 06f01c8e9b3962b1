import { describe, expect, it } from '@jest/globals';
import { stableId } from '@gm/shared-contracts';
import { TicketCategorySchema } from '@gm/triage-contracts';
import { toTicketCategory } from '../reference-data.mapper.js';
import { demoReferenceData } from './reference-data.seed.js';

const { departments, categories } = demoReferenceData();

describe('demo reference data', () => {
  it('holds the departments the demo accounts name, with computable ids', () => {
    expect(departments.map((d) => d.code).sort()).toEqual([
      'education',
      'health',
      'housing',
      'hr',
      'science',
      'traffic',
    ]);
    for (const d of departments) expect(d.id).toBe(stableId('department', d.code));
  });

  it('holds the ticket categories, each defaulting to a seeded department or none', () => {
    expect(categories.map((c) => c.code).sort()).toEqual([
      'housing',
      'lab-space',
      'other',
      'school-place',
      'talent-service',
      'vehicle-permit',
    ]);
    const ids = new Set(departments.map((d) => d.id));
    for (const c of categories) {
      if (c.default_department_id !== null) expect(ids.has(c.default_department_id!)).toBe(true);
    }
    expect(categories.find((c) => c.code === 'housing')?.default_department_id).toBe(
      stableId('department', 'housing'),
    );
  });

  it('maps every category to the contract', () => {
    const codeById = new Map(departments.map((d) => [d.id, d.code]));
    for (const c of categories) {
      const category = toTicketCategory({
        ...c,
        default_department_id: c.default_department_id ?? null,
        default_department_code: c.default_department_id
          ? codeById.get(c.default_department_id)!
          : null,
        created_at: new Date(),
        updated_at: new Date(),
      });
      expect(TicketCategorySchema.parse(category)).toEqual(category);
    }
  });
});
