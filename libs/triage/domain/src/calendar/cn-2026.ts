import type { HolidayYear } from './holiday-calendar.js';

const range = (month: number, from: number, to: number, name: string) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({
    date: `2026-${String(month).padStart(2, '0')}-${String(from + i).padStart(2, '0')}`,
    name,
  }));

/**
 * 2026, as published: 国务院办公厅关于2026年部分节假日安排的通知 (国办发明电, 2025-11-04,
 * https://www.gov.cn/zhengce/). Final: do not edit unless the State Council amends it.
 */
export const CN_2026: HolidayYear = {
  year: 2026,
  provisional: false,
  source: '国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04',
  holidays: [
    ...range(1, 1, 3, '元旦'),
    ...range(2, 15, 23, '春节'),
    ...range(4, 4, 6, '清明节'),
    ...range(5, 1, 5, '劳动节'),
    ...range(6, 19, 21, '端午节'),
    ...range(9, 25, 27, '中秋节'),
    ...range(10, 1, 7, '国庆节'),
  ],
  makeUpWorkdays: [
    { date: '2026-01-04', name: '元旦调休' },
    { date: '2026-02-14', name: '春节调休' },
    { date: '2026-02-28', name: '春节调休' },
    { date: '2026-05-09', name: '劳动节调休' },
    { date: '2026-09-20', name: '国庆节调休' },
    { date: '2026-10-10', name: '国庆节调休' },
  ],
};
