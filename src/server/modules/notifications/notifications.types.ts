import type { notificationKinds } from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';

export type NotificationKind = (typeof notificationKinds)[number];

export interface RaisedNotification {
  practiceId: string;
  kind: NotificationKind;
  clientId: string;
  /** The message or alert it is about. */
  subjectId: string;
}

/** What other modules call when something happens that the practice's clinicians should know. */
export interface NotificationRaiser {
  /** In the event's own transaction: one notification per clinician of the practice, announced at commit. */
  raise(tx: Tx, notification: RaisedNotification): Promise<void>;
}
