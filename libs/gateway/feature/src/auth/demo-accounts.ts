import { stableId, type Role } from '@gm/shared-contracts';

/** Every demo account has this password (api.md); they exist only when demo data is seeded. */
export const DEMO_PASSWORD = 'guangming-demo';

export interface DemoAccount {
  username: string;
  displayName: string;
  roles: Role[];
  unitCode?: string;
  departmentCode?: string;
}

// Unit and department codes are those the resources and triage seeds use; ids derive from them.
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'admin', displayName: '平台管理员 (demo admin)', roles: ['admin'] },
  {
    username: 'researcher1',
    displayName: '林晓 (demo researcher, SYSU)',
    roles: ['researcher'],
    unitCode: 'SYSU-SZ',
  },
  {
    username: 'researcher2',
    displayName: '陈思远 (demo researcher, SIAT)',
    roles: ['researcher'],
    unitCode: 'SIAT',
  },
  {
    username: 'manager1',
    displayName: '王海 (demo resource manager, SZBL)',
    roles: ['resource-manager'],
    unitCode: 'SZBL',
  },
  {
    username: 'enterprise1',
    displayName: '光明智造有限公司 (demo enterprise)',
    roles: ['enterprise'],
  },
  { username: 'talent1', displayName: '张一鸣 (demo talent)', roles: ['talent'] },
  { username: 'talent2', displayName: '刘佳 (demo talent)', roles: ['talent'] },
  { username: 'talent3', displayName: '赵宁 (demo talent)', roles: ['talent'] },
  { username: 'convener1', displayName: '周明 (demo 问诊会 convener)', roles: ['convener'] },
  {
    username: 'officer.housing',
    displayName: '黄丽 (demo officer, housing)',
    roles: ['department-officer'],
    departmentCode: 'housing',
  },
  {
    username: 'officer.traffic',
    displayName: '吴强 (demo officer, traffic)',
    roles: ['department-officer'],
    departmentCode: 'traffic',
  },
  { username: 'housing1', displayName: '郑洁 (demo housing officer)', roles: ['housing-officer'] },
];

export const demoUserId = (username: string): string => stableId('user', username);
export const demoUnitId = (code: string): string => stableId('unit', code);
export const demoDepartmentId = (code: string): string => stableId('department', code);
