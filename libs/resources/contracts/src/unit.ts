import { z } from 'zod';

/** A member unit of the joint conference (联席会): a university campus, institute or lab. */
export const UnitSchema = z.object({
  id: z.uuid(),
  code: z.string().min(1),
  name: z.string().min(1),
  nameEn: z.string().min(1),
});
export type Unit = z.infer<typeof UnitSchema>;
