/**
 * Every database column whose values the field cipher seals (`rh1.<data key id>.<sealed>`). The
 * re-encryption job walks this list to move values off a retired data key, so a column missing here
 * would keep a retired key needed for ever: encrypted-columns.test.ts compares it with the schema's
 * `enc` comments.
 *
 * Each value's associated data is `rh1|<table>|<column>|<row id>` (field-cipher.ts), where the row id
 * is the row's `id`; every listed table has a `practice_id`, which scopes the walk to the key's practice.
 */
export interface EncryptedColumn {
  /** The SQL table name, as in the cipher's FieldLocation. */
  table: string;
  /** The SQL column name, as in the cipher's FieldLocation. */
  column: string;
}

export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  // identity
  { table: 'practitioners', column: 'mobile' },
  { table: 'practitioners', column: 'totp_secret' },
  { table: 'practitioners', column: 'totp_pending_secret' },
  { table: 'mail_outbox', column: 'params' },
  // clients
  { table: 'clients', column: 'email' },
  { table: 'clients', column: 'mobile' },
  { table: 'clients', column: 'diagnosis_code' },
  { table: 'clients', column: 'national_id' },
  // programs
  { table: 'program_versions', column: 'notes' },
  { table: 'access_codes', column: 'code' },
  // patient app
  { table: 'adherence_entries', column: 'details' },
  { table: 'push_subscriptions', column: 'subscription' },
  // messaging
  { table: 'messages', column: 'body' },
  { table: 'sms_outbox', column: 'params' },
  // alerts and outcomes
  { table: 'alerts', column: 'details' },
  { table: 'outcome_assignments', column: 'details' },
  { table: 'outcome_responses', column: 'answers' },
  { table: 'outcome_responses', column: 'score' },
];

/**
 * The location stored objects (exercise media) use for their wrapped per-object key. Those wrapped keys
 * live in the object's header in storage, not in a column: the job re-wraps them through storage, finding
 * the objects by their exercise_media rows (media-rewrap.ts).
 */
export const OBJECT_KEY_LOCATION = { table: 'stored_objects', column: 'key' } as const;
