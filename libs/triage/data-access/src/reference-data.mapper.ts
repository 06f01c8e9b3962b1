import type { Department, TicketCategory } from '@gm/triage-contracts';
import type { TicketCategoryRow } from './ticket-category.repository.js';
import type { DepartmentRow } from './tables.js';

export function toDepartment(row: DepartmentRow): Department {
  return { id: row.id, code: row.code, name: row.name, nameEn: row.name_en };
}

export function toTicketCategory(row: TicketCategoryRow): TicketCategory {
  return {
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    defaultDepartment: row.default_department_code,
    defaultDepartmentId: row.default_department_id,
    slaWorkingDays: row.sla_working_days,
  };
}
