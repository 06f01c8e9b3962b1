/** A calendar day in Asia/Shanghai, `YYYY-MM-DD`. */
export type IsoDate = string;

/** One year of the State Council's holiday arrangement (节假日安排), as data. */
export interface HolidayYear {
  year: number;
  /**
   * True while the State Council has not published the year's arrangement: the data then holds
   * only the statutory holidays, without bridging days or make-up workdays (调休).
   */
  provisional: boolean;
  /** Where the data comes from, so anyone can check it. */
  source: string;
  /** Days off that would otherwise be working days (weekends inside a holiday need no entry, but may have one). */
  holidays: readonly { date: IsoDate; name: string }[];
  /** Weekend days that are working days (调休上班). */
  makeUpWorkdays: readonly { date: IsoDate; name: string }[];
}
