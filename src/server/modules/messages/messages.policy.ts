import { validationFailed } from '../../platform/errors.js';
import type { MessageAuthor } from './messages.repo.js';

// Who reads and who is told what in a conversation; the service asks, the rules live here.

/** Each side reads what the other wrote: the practice the client's messages, the client the practice's. */
export const writtenBy = (reader: MessageAuthor): MessageAuthor =>
  reader === 'client' ? 'practitioner' : 'client';

/** A client's message (text or exercise feedback) asks for a clinician; the practice's replies do not. */
export const notifiesPractice = (author: MessageAuthor) => author === 'client';

export const notInConversation = (field: string) =>
  validationFailed([{ field, message: 'This message is not in the conversation.' }]);

export const oneDirection = () =>
  validationFailed([{ field: 'after', message: 'Page with either before or after, not both.' }]);
