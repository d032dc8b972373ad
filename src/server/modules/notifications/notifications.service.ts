import { randomUUID } from 'node:crypto';
import type { PractitionerPreferences } from '../../db/schema/index.js';
import type { Transactor } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { JobRunner } from '../../platform/jobs/runner.js';
import type { Realtime } from '../../platform/realtime/realtime.js';
import {
  countUnread,
  insertNotifications,
  listClinicalMembers,
  listNotifications,
  markRead,
} from './notifications.repo.js';
import type { NotificationKind, NotificationRaiser } from './notifications.types.js';

export const NOTIFICATION_MAIL_JOB = 'notifications.mail';
/** Unread this long, the practitioner is taken to be away and mailed (if they asked for it). */
export const AWAY_AFTER_MS = 5 * 60 * 1000;

/** The preference that decides whether a kind reaches a practitioner by mail. */
export const preferenceOf: Record<NotificationKind, keyof PractitionerPreferences['notifications']> = {
  new_message: 'newMessage',
  pain_alert: 'painAlert',
  outcome_alert: 'outcomeAlert',
  access_code_locked: 'lockedAccessCode',
};

export interface NotificationReader {
  practiceId: string;
  practitionerId: string;
  ip?: string | undefined;
  userAgent?: string | undefined;
}

export function createNotifications(deps: {
  transactor: Transactor;
  audit: Audit;
  clock: Clock;
  jobs: JobRunner;
  realtime: Realtime;
}) {
  const { transactor, audit, clock, jobs, realtime } = deps;

  const raiser: NotificationRaiser = {
    async raise(tx, { practiceId, kind, clientId, subjectId }) {
      const now = clock.now();
      const rows = (await listClinicalMembers(tx, practiceId)).map((member) => ({
        id: randomUUID(),
        practiceId,
        practitionerId: member.id,
        kind,
        clientId,
        subjectId,
        createdAt: now,
      }));
      if (rows.length === 0) return;
      await insertNotifications(tx, rows);
      for (const row of rows) {
        await realtime.publish(tx, {
          type: 'notification.created',
          practiceId,
          practitionerId: row.practitionerId,
          id: row.id,
        });
      }
      await jobs.enqueue(
        tx,
        NOTIFICATION_MAIL_JOB,
        { notificationIds: rows.map((row) => row.id) },
        { runAt: new Date(now.getTime() + AWAY_AFTER_MS) },
      );
    },
  };

  return {
    ...raiser,

    async list(
      reader: NotificationReader,
      page: { before?: Date | undefined; limit: number; unread: boolean },
    ) {
      return transactor.inPractice(reader.practiceId, async (tx) => {
        const rows = await listNotifications(tx, reader, {
          before: page.before,
          limit: page.limit,
          unreadOnly: page.unread,
        });
        await audit.record(tx, {
          practiceId: reader.practiceId,
          actor: { type: 'practitioner', id: reader.practitionerId },
          action: 'notification.list',
          outcome: 'success',
          ip: reader.ip,
          userAgent: reader.userAgent,
        });
        return {
          items: rows.map(({ notification, firstName, lastName }) => ({
            id: notification.id,
            kind: notification.kind,
            client:
              notification.clientId && firstName !== null && lastName !== null
                ? { id: notification.clientId, firstName, lastName }
                : null,
            subjectId: notification.subjectId,
            createdAt: notification.createdAt,
            readAt: notification.readAt,
          })),
          unread: await countUnread(tx, reader),
        };
      });
    },

    async unread(reader: NotificationReader) {
      return transactor.inPractice(reader.practiceId, async (tx) => ({
        unread: await countUnread(tx, reader),
      }));
    },

    async markRead(reader: NotificationReader, ids: string[] | 'all') {
      return transactor.inPractice(reader.practiceId, async (tx) => {
        const changed = await markRead(tx, reader, ids, clock.now());
        return { read: changed.length, unread: await countUnread(tx, reader) };
      });
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotifications>;
