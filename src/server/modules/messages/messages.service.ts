import type { Transactor, Tx } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import type { Realtime } from '../../platform/realtime/realtime.js';
import type { ClinicalCaller } from '../clients/clients.policy.js';
import { requireClient } from '../clients/clients.service.js';
import type { Language } from '../library/exercise-tags.js';
import type { NotificationRaiser } from '../notifications/notifications.types.js';
import type { PatientOrigin, PatientPrincipal } from '../patient/patient-access.service.js';
import { textLanguage } from '../programs/programs.service.js';
import { type ConversationRef, createConversation } from './conversation.js';
import { correctionBody, forClient, presentUnreadSummary } from './messages.presenter.js';
import { countUnread, findClientLanguage, unreadByClient } from './messages.repo.js';
import type { ConversationQuery, CorrectableField } from './messages.schema.js';

/** The comment on an adherence entry the app has just logged for the first time. */
export interface ExerciseComment {
  entryId: string;
  comment: string;
}

type Actor = { type: 'practitioner' | 'api_key' | 'client'; id: string };

/** Conversations between a client and the practice, from the workspace and from the patient app. */
export function createMessagesService(deps: {
  transactor: Transactor;
  audit: Audit;
  cipher: FieldCipher;
  clock: Clock;
  realtime: Pick<Realtime, 'publish'>;
  notifications: NotificationRaiser;
}) {
  const { transactor, audit } = deps;
  const conversation = createConversation(deps);

  // Acts on a conversation are recorded against the client, so the client's access log shows them;
  // never the body.
  const record = (tx: Tx, ref: ConversationRef, actor: Actor, action: string, origin: PatientOrigin) =>
    audit.record(tx, {
      practiceId: ref.practiceId,
      actor,
      action,
      subject: { type: 'client', id: ref.clientId },
      outcome: 'success',
      ip: origin.ip,
      userAgent: origin.userAgent,
    });

  /** The practice's client, or 404: another practice's client is indistinguishable from none. */
  async function clinicalRef(tx: Tx, caller: ClinicalCaller, clientId: string): Promise<ConversationRef> {
    await requireClient(tx, caller.practiceId, clientId);
    return { practiceId: caller.practiceId, clientId };
  }

  const clientLanguage = async (tx: Tx, ref: ConversationRef): Promise<Language> =>
    (await findClientLanguage(tx, ref.practiceId, ref.clientId)) ?? 'en';

  return {
    /** A page of the client's conversation as the practice sees it. */
    list(
      caller: ClinicalCaller,
      clientId: string,
      query: ConversationQuery & { lang?: Language | undefined },
    ) {
      return transactor.inPractice(caller.practiceId, async (tx) => {
        const ref = await clinicalRef(tx, caller, clientId);
        const lang = await textLanguage(tx, caller, query.lang);
        const page = await conversation.page(tx, ref, 'practitioner', query, lang);
        await record(tx, ref, caller.actor, 'message.list', caller);
        return page;
      });
    },

    /** A message from the practice to the client (a member's, or an integration's on its behalf). */
    post(caller: ClinicalCaller, clientId: string, body: string) {
      return transactor.inPractice(caller.practiceId, async (tx) => {
        const ref = await clinicalRef(tx, caller, clientId);
        const id = await conversation.write(tx, ref, {
          author: 'practitioner',
          kind: 'text',
          body,
          authorPractitionerId: caller.practitionerId,
        });
        await record(tx, ref, caller.actor, 'message.create', caller);
        return conversation.one(tx, ref, id, await textLanguage(tx, caller));
      });
    },

    /** Read receipt: the client's messages up to one are read by the caller. */
    markRead(caller: ClinicalCaller, clientId: string, upTo: string) {
      return transactor.inPractice(caller.practiceId, async (tx) => {
        const ref = await clinicalRef(tx, caller, clientId);
        const result = await conversation.markRead(tx, ref, 'practitioner', upTo, caller.practitionerId);
        await record(tx, ref, caller.actor, 'message.mark_read', caller);
        return result;
      });
    },

    /** Which clients wait for an answer: unread messages per client, for the workspace's inbox. */
    unread(caller: ClinicalCaller) {
      return transactor.inPractice(caller.practiceId, async (tx) => {
        const rows = await unreadByClient(tx, caller.practiceId);
        await audit.record(tx, {
          practiceId: caller.practiceId,
          actor: caller.actor,
          action: 'message.unread_summary',
          subject: { type: 'client_count', id: String(rows.length) },
          outcome: 'success',
          ip: caller.ip,
          userAgent: caller.userAgent,
        });
        return presentUnreadSummary(rows);
      });
    },

    /** A page of the signed-in client's own conversation. */
    listOwn(patient: PatientPrincipal, query: ConversationQuery, origin: PatientOrigin) {
      const ref = { practiceId: patient.practiceId, clientId: patient.clientId };
      return transactor.inPractice(ref.practiceId, async (tx) => {
        const page = await conversation.page(tx, ref, 'client', query, await clientLanguage(tx, ref));
        await record(tx, ref, { type: 'client', id: ref.clientId }, 'message.list', origin);
        return { ...page, items: page.items.map(forClient) };
      });
    },

    /**
     * How many of the practice's messages wait for the client: a count, no message read, so not
     * audited (the app asks on every start and every event; the conversation's reads are).
     */
    unreadOwn(patient: PatientPrincipal) {
      return transactor.inPractice(patient.practiceId, async (tx) => ({
        unread: await countUnread(tx, patient.practiceId, patient.clientId, 'practitioner'),
      }));
    },

    /** A message from the client to the practice. */
    postOwn(patient: PatientPrincipal, body: string, origin: PatientOrigin) {
      const ref = { practiceId: patient.practiceId, clientId: patient.clientId };
      return transactor.inPractice(ref.practiceId, async (tx) => {
        const id = await conversation.write(tx, ref, { author: 'client', kind: 'text', body });
        await record(tx, ref, { type: 'client', id: ref.clientId }, 'message.create', origin);
        return forClient(await conversation.one(tx, ref, id, await clientLanguage(tx, ref)));
      });
    },

    /**
     * The client asks the practice to correct their record (rectification): a message of its own kind in
     * their conversation, so it is encrypted, notifies the practice and is answered where they talk.
     */
    requestCorrection(
      patient: PatientPrincipal,
      request: { field?: CorrectableField | undefined; message: string },
      origin: PatientOrigin,
    ) {
      const ref = { practiceId: patient.practiceId, clientId: patient.clientId };
      return transactor.inPractice(ref.practiceId, async (tx) => {
        const id = await conversation.write(tx, ref, {
          author: 'client',
          kind: 'correction_request',
          body: correctionBody(request.field ?? null, request.message),
        });
        await record(tx, ref, { type: 'client', id: ref.clientId }, 'correction_request.create', origin);
        return forClient(await conversation.one(tx, ref, id, await clientLanguage(tx, ref)));
      });
    },

    /** Read receipt from the app: the practice's messages up to one are read by the client. */
    markOwnRead(patient: PatientPrincipal, upTo: string, origin: PatientOrigin) {
      const ref = { practiceId: patient.practiceId, clientId: patient.clientId };
      return transactor.inPractice(ref.practiceId, async (tx) => {
        const result = await conversation.markRead(tx, ref, 'client', upTo, null);
        await record(tx, ref, { type: 'client', id: ref.clientId }, 'message.mark_read', origin);
        return result;
      });
    },

    /**
     * The comments of newly logged exercises join the conversation as exercise feedback, in the log's
     * own transaction (an entry replayed by an offline sync is not new, so its comment is not repeated).
     */
    async onExerciseComments(tx: Tx, practiceId: string, clientId: string, comments: ExerciseComment[]) {
      if (comments.length === 0) return;
      const ref = { practiceId, clientId };
      for (const { entryId, comment } of comments)
        await conversation.write(tx, ref, {
          author: 'client',
          kind: 'exercise_feedback',
          body: comment,
          adherenceEntryId: entryId,
        });
      await record(tx, ref, { type: 'client', id: clientId }, 'message.create', {});
    },
  };
}

export type MessagesService = ReturnType<typeof createMessagesService>;
