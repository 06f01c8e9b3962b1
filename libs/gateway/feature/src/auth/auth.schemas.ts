import { z } from 'zod';
import { IdentitySchema } from '@gm/shared-contracts';

export const TokenRequestSchema = z.object({
  username: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(1024),
});
export type TokenRequest = z.infer<typeof TokenRequestSchema>;

/** The signed-in user as the API shows it: the identity plus a display name where one is known. */
export const UserProfileSchema = IdentitySchema.extend({
  displayName: z.string().optional(),
});
export type UserProfile = z.infer<typeof UserProfileSchema>;

export const TokenResponseSchema = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
  user: UserProfileSchema,
});
export type TokenResponse = z.infer<typeof TokenResponseSchema>;
