import type { ResourceCategory, ResourceStatus } from '@gm/resources-contracts';

/** A label in both languages: Chinese first, English second. */
export type Bilingual = readonly [zh: string, en: string];

// Typed against the contracts, so a new category or status fails the build until it has a label.
export const CATEGORY_LABELS: Readonly<Record<ResourceCategory, Bilingual>> = {
  instrument: ['仪器设备', 'Instrument'],
  laboratory: ['实验室', 'Laboratory'],
  facility: ['大设施', 'Facility'],
  computing: ['计算资源', 'Computing'],
  platform: ['平台', 'Platform'],
};

export const STATUS_LABELS: Readonly<Record<ResourceStatus, Bilingual>> = {
  available: ['可预约', 'Available'],
  maintenance: ['维护中', 'Maintenance'],
  retired: ['已停用', 'Retired'],
};

export const isCategory = (value: string): value is ResourceCategory =>
  Object.hasOwn(CATEGORY_LABELS, value);
