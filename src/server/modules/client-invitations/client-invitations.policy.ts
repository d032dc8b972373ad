import { conflict } from '../../platform/errors.js';
import type { Channel } from './client-invitations.schema.js';

// Who may invite a client or record their contact preferences: whoever reaches client records
// (clients.policy's clinicalCaller: owners, practitioners, API keys; never the front desk).
// What is particular to invitations lives here: why one cannot be sent.

export const noProgram = () =>
  conflict(
    'no_program',
    'This client has no program yet, so there is no access code to send. Save a program first.',
  );

export const clientArchived = () =>
  conflict(
    'client_archived',
    'This client is archived, so their access code does not work. Restore the client first.',
  );

export const noAddress = (channel: Channel) =>
  channel === 'email'
    ? conflict('no_email', 'This client has no email address. Add one to their record first.')
    : conflict('no_mobile', 'This client has no mobile number. Add one to their record first.');

export const optedOut = (channel: Channel) =>
  conflict(
    'opted_out',
    channel === 'email'
      ? 'This client has refused email. Nothing is sent to them by email.'
      : 'This client has refused text messages. Nothing is sent to them by SMS.',
  );
