import { z } from 'zod';
import { messageAuthors, messageKinds } from '../../db/schema/index.js';
import { updateClientBody } from '../clients/clients.schema.js';
import { LANGUAGES } from '../library/exercise-tags.js';

export const MESSAGE_MAX_CHARS = 4000;

/** The client fields a correction request can be about: every field the practice can edit. */
export const correctableFields = updateClientBody.keyof().options;
export type CorrectableField = (typeof correctableFields)[number];

export const clientIdParams = z.object({ id: z.uuid('This is not a client id.') });

export const messageBody = z.object({
  body: z
    .string({ error: 'Write a message.' })
    .trim()
    .min(1, 'Write a message.')
    .max(MESSAGE_MAX_CHARS, `Use at most ${MESSAGE_MAX_CHARS} characters.`)
    .describe(`1 to ${MESSAGE_MAX_CHARS} characters after trimming`),
});

const cursor = (what: string) => z.uuid('This is not a message id.').optional().describe(what);

export const conversationQuery = z.object({
  before: cursor("a message's id: the page of messages older than it (the previous page's first item)"),
  after: cursor(
    "a message's id: the messages newer than it, oldest first (catch-up after a reconnect; page on with the last item's id while hasMore)",
  ),
  limit: z.coerce
    .number({ error: 'Enter the limit as a number from 1 to 100.' })
    .int('Enter the limit as a whole number from 1 to 100.')
    .min(1, 'Enter a limit from 1 to 100.')
    .max(100, 'Enter a limit from 1 to 100.')
    .default(50),
});
export type ConversationQuery = z.infer<typeof conversationQuery>;

export const practitionerConversationQuery = conversationQuery.extend({
  lang: z.enum(LANGUAGES).optional().describe("exercise titles' language; the practitioner's own by default"),
});

export const markReadBody = z.object({
  upTo: z
    .uuid('This is not a message id.')
    .describe('the newest message the reader has seen: it and every older one from the other side are read'),
});

const person = z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() });

const messageFields = {
  id: z.uuid(),
  kind: z
    .enum(messageKinds)
    .describe(
      'exercise_feedback: the comment on a logged exercise; correction_request: the client asks for a correction of their record',
    ),
  author: z.enum(messageAuthors),
  practitioner: person
    .nullable()
    .describe("who wrote it; null for the client's messages, or once that member is gone"),
  body: z.string(),
  exercise: z
    .object({
      programItemId: z.uuid(),
      title: z.string().nullable().describe('null when the exercise is no longer in the library'),
    })
    .nullable()
    .describe('the exercise of exercise feedback; null for text'),
  correction: z
    .object({
      field: z.enum(correctableFields).nullable().describe('the field to correct; null: not named'),
    })
    .nullable()
    .describe('of a correction request; null for other kinds'),
  createdAt: z.date(),
  readAt: z.date().nullable().describe('when the other side first read it'),
};

const clientMessageSchema = z.object(messageFields).describe('PatientMessage');
const practiceMessageSchema = z
  .object({
    ...messageFields,
    readByPractitionerId: z
      .uuid()
      .nullable()
      .describe("the member who first read the client's message (null: unread, an API key, or gone)"),
  })
  .describe('Message');

const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item).describe('oldest first: the newest message is last'),
    hasMore: z
      .boolean()
      .describe('with after: newer messages follow (ask again after the last); else older ones precede'),
    unread: z
      .number()
      .int()
      .describe('messages of the other side the reader has not read, in the whole conversation'),
  });

export const practiceMessageResponse = practiceMessageSchema;
export const practiceConversationSchema = page(practiceMessageSchema);
export const clientMessageResponse = clientMessageSchema;
export const clientConversationSchema = page(clientMessageSchema);

export const markedReadSchema = z.object({
  marked: z.number().int().describe('messages read by this request'),
  unread: z.number().int().describe('messages of the other side still unread'),
});

export const unreadCountSchema = z.object({
  unread: z.number().int().describe("the practice's messages the client has not read"),
});

export const unreadSummarySchema = z.object({
  total: z.number().int(),
  items: z
    .array(
      z.object({
        client: person,
        unread: z.number().int(),
        lastAt: z.date().describe('when the newest unread message arrived'),
      }),
    )
    .describe('clients with unread messages, the most recent first'),
});
