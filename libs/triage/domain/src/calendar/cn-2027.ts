import type { HolidayYear } from './holiday-calendar.js';

/**
 * PROVISIONAL. The State Council publishes the 2027 arrangement around November 2026; until
 * then this holds only the statutory holidays of 《全国年节及纪念日放假办法》 (2024 revision:
 * 元旦 1 day, 春节 4 days from 除夕, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3), on their 2027
 * dates (lunar dates from the Purple Mountain Observatory's calendar), and no make-up workdays.
 *
 * To update: copy the notice's days off into `holidays` and its 调休上班 days into
 * `makeUpWorkdays`, set `provisional: false` and `source` to the notice, and extend the
 * calendar spec with the new make-up days, as the 2026 file and spec do.
 */
export const CN_2027: HolidayYear = {
  year: 2027,
  provisional: true,
  source: '《全国年节及纪念日放假办法》(2024) statutory days only; awaiting the 2027 notice',
  holidays: [
    { date: '2027-01-01', name: '元旦' },
    { date: '2027-02-05', name: '春节 (除夕)' },
    { date: '2027-02-06', name: '春节' },
    { date: '2027-02-07', name: '春节' },
    { date: '2027-02-08', name: '春节' },
    { date: '2027-04-05', name: '清明节' },
    { date: '2027-05-01', name: '劳动节' },
    { date: '2027-05-02', name: '劳动节' },
    { date: '2027-06-09', name: '端午节' },
    { date: '2027-09-15', name: '中秋节' },
    { date: '2027-10-01', name: '国庆节' },
    { date: '2027-10-02', name: '国庆节' },
    { date: '2027-10-03', name: '国庆节' },
  ],
  makeUpWorkdays: [],
};
