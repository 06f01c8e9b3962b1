import { z } from 'zod';

/** A functional department of the district (职能部门) that tickets are assigned to. */
export const DepartmentSchema = z.object({
  id: z.uuid(),
  code: z.string().min(1),
  name: z.string().min(1),
  nameEn: z.string().min(1),
});
export type Department = z.infer<typeof DepartmentSchema>;
