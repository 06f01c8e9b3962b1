import { chinaWorkingCalendar, type WorkingCalendar } from '@gm/triage-domain';

/** The working-day calendar deadlines are counted in (Asia/Shanghai, with 调休). */
export const WORKING_CALENDAR = Symbol('triage:working-calendar');
/** The current time; tests and the scheduler's spec replace it. */
export const TRIAGE_CLOCK = Symbol('triage:clock');
export type Clock = () => Date;

export const ticketRuntimeProviders = [
  { provide: WORKING_CALENDAR, useFactory: (): WorkingCalendar => chinaWorkingCalendar() },
  { provide: TRIAGE_CLOCK, useValue: (() => new Date()) satisfies Clock },
];
