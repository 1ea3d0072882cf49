import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../domain/people.ts';
import type { ServiceContext } from '../../services/context.ts';
import { disableUser } from '../../services/auth/disable-user.ts';
import { inviteUser } from '../../services/auth/invite-user.ts';
import { STAFF } from '../access.ts';
import { presentUser, userSchema } from '../presenters/user.ts';
import { commonErrors, errorSchema } from '../schemas/errors.ts';

const name = z.string().trim().min(1).max(100);

/** Accounts: invitations (admins invite coordinators, coordinators invite referrers), disabling. */
export function userRoutes(options: { services: ServiceContext }): FastifyPluginAsyncZod {
  const { services } = options;
  return (app) => {
    app.post(
      '/users/invitations',
      {
        config: { access: STAFF },
        schema: {
          tags: ['users'],
          summary: 'Invite a person by e-mail',
          description:
            'An admin invites admins and coordinators; a coordinator invites partner referrers (with `partnerId`). The person receives a week-long single-use link.',
          body: z
            .object({
              email: z.email().max(254),
              role: z.enum(ROLES),
              firstName: name,
              lastName: name,
              partnerId: z.uuid().optional(),
            })
            .meta({
              example: {
                email: 'ines.haddad@example.org',
                role: 'referrer',
                firstName: 'Inès',
                lastName: 'Haddad',
                partnerId: '0b7e5c1a-2f44-4b0e-8d0e-6a3c2b1f9e20',
              },
            }),
          response: { 201: userSchema, 409: errorSchema, ...commonErrors },
        },
      },
      async (request, reply) => {
        const user = await inviteUser(services, { ...request.body, origin: request.origin });
        return reply.status(201).send(presentUser(user));
      },
    );

    app.post(
      '/users/:userId/disable',
      {
        config: { access: STAFF },
        schema: {
          tags: ['users'],
          summary: 'Disable an account: its sessions end and its links stop working',
          params: z.object({ userId: z.uuid() }),
          response: { 204: z.null(), 404: errorSchema, ...commonErrors },
        },
      },
      async (request, reply) => {
        await disableUser(services, { userId: request.params.userId, origin: request.origin });
        return reply.status(204).send(null);
      },
    );
    return Promise.resolve();
  };
}
