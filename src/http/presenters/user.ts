import { z } from 'zod';
import type { UserRow } from '../../db/repositories/users-repository.ts';
import { ROLES, USER_STATUSES } from '../../domain/people.ts';

export const userSchema = z
  .object({
    id: z.uuid(),
    email: z.string().nullable(),
    role: z.enum(ROLES),
    partnerId: z.uuid().nullable(),
    status: z.enum(USER_STATUSES),
    firstName: z.string(),
    lastName: z.string(),
    locale: z.string(),
  })
  .meta({
    id: 'User',
    example: {
      id: '6f1c2a7e-3b1d-4d8e-9a55-0c2f1e9b7d11',
      email: 'ines.haddad@example.org',
      role: 'referrer',
      partnerId: '0b7e5c1a-2f44-4b0e-8d0e-6a3c2b1f9e20',
      status: 'active',
      firstName: 'Inès',
      lastName: 'Haddad',
      locale: 'fr',
    },
  });

export type PresentedUser = z.infer<typeof userSchema>;

/** The account fields a signed-in person may see of themself (never the password hash). */
export function presentUser(user: UserRow): PresentedUser {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    partnerId: user.partnerId,
    status: user.status,
    firstName: user.firstName,
    lastName: user.lastName,
    locale: user.locale,
  };
}
