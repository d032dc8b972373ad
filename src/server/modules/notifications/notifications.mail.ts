import type { Transactor } from '../../db/transactions.js';
import type { Clock } from '../../platform/clock.js';
import type { JobHandler } from '../../platform/jobs/runner.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import { findForMail, mailedSince, markEmailed } from './notifications.repo.js';
import { preferenceOf } from './notifications.service.js';

/** One mail covers what follows it for this long: a busy conversation is not a mail per message. */
export const MAIL_QUIET_MS = 30 * 60 * 1000;

/**
 * Runs a while after notifications were raised: mails each practitioner who still has not seen theirs
 * (and whose subject nobody has dealt with), if they asked for that kind. The mail says only that
 * something waits, with a link; which client and what stays behind sign-in.
 */
export function createNotificationMail(deps: {
  transactor: Transactor;
  mailer: Mailer;
  clock: Clock;
  publicUrl: URL;
}): JobHandler {
  return async (payload) => {
    const ids = (payload as { notificationIds?: unknown }).notificationIds;
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
      throw new Error('notification mail job without notification ids');
    }
    await deps.transactor.asSystem(async (tx) => {
      const now = deps.clock.now();
      for (const row of await findForMail(tx, ids)) {
        const { notification } = row;
        const dealtWith =
          notification.readAt !== null ||
          notification.emailedAt !== null ||
          row.messageReadAt !== null ||
          row.alertAcknowledgedAt !== null;
        const wanted =
          row.status === 'active' &&
          row.emailVerifiedAt !== null &&
          row.preferences.notifications[preferenceOf[notification.kind]];
        if (dealtWith || !wanted) continue;
        if (await mailedSince(tx, notification.practitionerId, new Date(now.getTime() - MAIL_QUIET_MS)))
          continue;
        const isMessage = notification.kind === 'new_message';
        await deps.mailer.enqueue(tx, {
          practiceId: notification.practiceId,
          to: row.email,
          template: isMessage ? 'new_message' : 'alert',
          language: row.preferences.language,
          params: { link: new URL(isMessage ? '/notifications' : '/alerts', deps.publicUrl).href },
        });
        await markEmailed(tx, notification.id, now);
      }
    });
  };
}
