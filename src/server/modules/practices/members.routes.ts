import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePracticeCaller, sessionCookie } from '../../platform/auth-context/auth-context.js';
import { memberCaller } from './caller.js';
import type { MembersService } from './members.service.js';
import {
  memberIdParams,
  memberSchema,
  membersQuery,
  practiceChangesBody,
  practiceSchema,
  roleBody,
} from './practices.schema.js';
import type { Practice, PracticesService } from './practices.service.js';

export interface MembersRoutesOptions {
  practices: PracticesService;
  members: MembersService;
  publicUrl: URL;
}

const tags = ['practice'];
const presentPractice = (practice: Practice) => ({
  ...practice,
  createdAt: practice.createdAt.toISOString(),
});

/** The practice's settings and its members. Reading is open to every member; changes are the owner's. */
export const membersRoutes: FastifyPluginAsyncZod<MembersRoutesOptions> = async (app, options) => {
  const { practices, members } = options;

  app.get(
    '/api/v1/practice',
    { schema: { tags, summary: "The caller's practice", response: { 200: practiceSchema } } },
    async (request) => presentPractice(await practices.get(requirePracticeCaller(request).practiceId)),
  );

  app.patch(
    '/api/v1/practice',
    {
      schema: {
        tags,
        summary: "Change the practice's settings or require two-step sign-in of every member (owner)",
        body: practiceChangesBody,
        response: { 200: practiceSchema },
      },
    },
    async (request) => presentPractice(await practices.update(memberCaller(request), request.body)),
  );

  app.get(
    '/api/v1/practice/members',
    {
      schema: {
        tags,
        summary: "The practice's members",
        querystring: membersQuery,
        response: { 200: z.object({ items: z.array(memberSchema) }) },
      },
    },
    async (request) => {
      const { status } = request.query;
      return { items: await members.list(memberCaller(request), status === 'all' ? undefined : status) };
    },
  );

  app.patch(
    '/api/v1/practice/members/:id',
    {
      schema: {
        tags,
        summary: "Change a member's role (owner); the practice always keeps an owner",
        params: memberIdParams,
        body: roleBody,
        response: { 200: memberSchema },
      },
    },
    async (request) => members.changeRole(memberCaller(request), request.params.id, request.body.role),
  );

  app.delete(
    '/api/v1/practice/members/:id',
    {
      schema: {
        tags,
        summary: 'Remove a member (owner); their sessions end at once',
        params: memberIdParams,
      },
    },
    async (request, reply) => {
      const caller = memberCaller(request);
      await members.remove(caller, request.params.id);
      if (request.params.id === caller.practitionerId) {
        const cookie = sessionCookie(options.publicUrl);
        void reply.clearCookie(cookie.name, cookie.options);
      }
      return reply.status(204).send();
    },
  );
};
