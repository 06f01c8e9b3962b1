import { z } from 'zod';

const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** 'HH:MM' on a 24-hour clock; '24:00' closes a day that runs to midnight. */
export const TimeOfDaySchema = z.string().regex(TIME_OF_DAY, 'expected HH:MM (00:00–24:00)');

const minutesOfDay = (time: string): number => {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
};

/** One weekday's opening window, in Asia/Shanghai local time; weekday 1 = Monday … 7 = Sunday. */
export const OpeningHoursSchema = z
  .object({
    weekday: z.number().int().min(1).max(7),
    open: TimeOfDaySchema,
    close: TimeOfDaySchema,
  })
  .refine((h) => minutesOfDay(h.open) < minutesOfDay(h.close), {
    message: 'close must be after open',
    path: ['close'],
  });
export type OpeningHours = z.infer<typeof OpeningHoursSchema>;

const minutes = z.number().int().min(0);

/** The fields of a booking policy, before the rules that tie them together. */
export const BookingPolicyFieldsSchema = z.object({
  requiresApproval: z.boolean(),
  minMinutes: z.number().int().positive(),
  maxMinutes: z.number().int().positive(),
  /** Bookings start and end on multiples of this many minutes after the opening time. */
  slotMinutes: z.number().int().positive(),
  /** The larger of the two buffers: the single figure the public API shows. */
  bufferMinutes: minutes,
  /** Kept free before each booking (set-up, cool-down of the previous user). */
  bufferBeforeMinutes: minutes,
  /** Kept free after each booking (cleaning, calibration). */
  bufferAfterMinutes: minutes,
  leadTimeHours: z.number().int().min(0),
  maxAdvanceDays: z.number().int().positive(),
  openingHours: z.array(OpeningHoursSchema),
  /** A qualification the requester must hold, e.g. `bsl3-training`; null when none. */
  requiredQualification: z.string().min(1).nullable().optional(),
  /** Fair-share cap: hours one unit may book per calendar month; null when uncapped. */
  monthlyCapHoursPerUnit: z.number().int().positive().nullable().optional(),
  /** Share of bookable time open to requesters outside the owning unit; null when unrestricted. */
  externalSharePercent: z.number().int().min(0).max(100).nullable().optional(),
});

/** The minimum duration may not exceed the maximum (checked wherever both are known). */
export const durationOrder = {
  check: (p: { minMinutes?: number; maxMinutes?: number }) =>
    p.minMinutes === undefined || p.maxMinutes === undefined || p.minMinutes <= p.maxMinutes,
  message: 'maxMinutes must not be below minMinutes',
  path: ['maxMinutes'],
};

/** How a resource may be booked: the rules every booking request is checked against. */
export const BookingPolicySchema = BookingPolicyFieldsSchema.refine(durationOrder.check, {
  message: durationOrder.message,
  path: durationOrder.path,
}).refine((p) => p.bufferMinutes === Math.max(p.bufferBeforeMinutes, p.bufferAfterMinutes), {
  message: 'bufferMinutes must be the larger of bufferBeforeMinutes and bufferAfterMinutes',
  path: ['bufferMinutes'],
});
export type BookingPolicy = z.infer<typeof BookingPolicySchema>;
