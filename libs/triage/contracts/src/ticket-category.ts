import { z } from 'zod';

export const TicketCategoryCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and -');

/** A kind of problem raised at a 问诊会, with the department that usually takes it and its deadline. */
export const TicketCategorySchema = z.object({
  code: TicketCategoryCodeSchema,
  name: z.string().min(1),
  nameEn: z.string().min(1),
  /** Code of the department a ticket of this category goes to by default; null: the convener decides. */
  defaultDepartment: z.string().min(1).nullable(),
  defaultDepartmentId: z.uuid().nullable(),
  /** Working days (Asia/Shanghai) from assignment to the deadline. */
  slaWorkingDays: z.number().int().positive(),
});
export type TicketCategory = z.infer<typeof TicketCategorySchema>;
