import { stableId } from '@gm/shared-contracts';
import type { NewDepartmentRow, NewTicketCategoryRow } from '../tables.js';

/**
 * DEMO DATA: the district departments a 问诊会 dispatches to, and the kinds of problem raised
 * there. Department ids are `stableId('department', code)`, so the gateway's demo accounts can
 * name them; the codes `housing` and `traffic` are relied on by name.
 */
export const DEMO_DEPARTMENTS = [
  {
    code: 'housing',
    name: '光明区住房和建设局',
    nameEn: 'Guangming District Housing and Construction Bureau',
  },
  {
    code: 'traffic',
    name: '深圳市公安局交通警察支队光明大队',
    nameEn: 'Guangming Traffic Police Brigade',
  },
  {
    code: 'science',
    name: '光明区科技创新局',
    nameEn: 'Guangming District Science and Technology Innovation Bureau',
  },
  { code: 'hr', name: '光明区人力资源局', nameEn: 'Guangming District Human Resources Bureau' },
  { code: 'education', name: '光明区教育局', nameEn: 'Guangming District Education Bureau' },
  { code: 'health', name: '光明区卫生健康局', nameEn: 'Guangming District Health Bureau' },
] as const satisfies readonly { code: string; name: string; nameEn: string }[];

type DemoDepartmentCode = (typeof DEMO_DEPARTMENTS)[number]['code'];

export interface TicketCategorySeed {
  code: string;
  name: string;
  nameEn: string;
  /** null: no usual department, the convener decides. */
  defaultDepartment: DemoDepartmentCode | null;
  slaWorkingDays: number;
}

export const DEMO_TICKET_CATEGORIES: readonly TicketCategorySeed[] = [
  {
    code: 'housing',
    name: '人才住房',
    nameEn: 'Talent housing',
    defaultDepartment: 'housing',
    slaWorkingDays: 10,
  },
  {
    code: 'vehicle-permit',
    name: '外地车牌区内通行',
    nameEn: 'Non-local licence plate permit',
    defaultDepartment: 'traffic',
    slaWorkingDays: 5,
  },
  {
    code: 'lab-space',
    name: '科研用房与实验场地',
    nameEn: 'Research and laboratory space',
    defaultDepartment: 'science',
    slaWorkingDays: 15,
  },
  {
    code: 'talent-service',
    name: '人才服务（落户、补贴）',
    nameEn: 'Talent services (residence, subsidies)',
    defaultDepartment: 'hr',
    slaWorkingDays: 10,
  },
  {
    code: 'school-place',
    name: '子女入学',
    nameEn: 'School places for children',
    defaultDepartment: 'education',
    slaWorkingDays: 20,
  },
  {
    code: 'other',
    name: '其他问题',
    nameEn: 'Other problems',
    defaultDepartment: null,
    slaWorkingDays: 15,
  },
];

const departmentId = (code: string): string => stableId('department', code);

/** The demo reference data as table rows. */
export function demoReferenceData(): {
  departments: NewDepartmentRow[];
  categories: NewTicketCategoryRow[];
} {
  return {
    departments: DEMO_DEPARTMENTS.map((d) => ({
      id: departmentId(d.code),
      code: d.code,
      name: d.name,
      name_en: d.nameEn,
    })),
    categories: DEMO_TICKET_CATEGORIES.map((c) => ({
      code: c.code,
      name: c.name,
      name_en: c.nameEn,
      default_department_id: c.defaultDepartment && departmentId(c.defaultDepartment),
      sla_working_days: c.slaWorkingDays,
    })),
  };
}
