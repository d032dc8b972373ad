/**
 * Audit actions in the client's words. The audit trail names acts technically ("program.read_version");
 * the patient app shows one of a few plain activities, translated there. An action we do not know yet
 * still appears, as viewed or changed something, so a new module can never hide an access.
 */
export const accessActivities = [
  'created_record',
  'viewed_details',
  'changed_details',
  'archived_record',
  'restored_record',
  'viewed_program',
  'changed_program',
  'printed_handout',
  'changed_access_code',
  'sent_access_code',
  'viewed_exercise_log',
  'viewed_questionnaires',
  'recorded_questionnaire',
  'changed_questionnaires',
  'read_messages',
  'wrote_message',
  'viewed_contact_preferences',
  'changed_contact_preferences',
  'exported_record',
  'viewed_media',
  'changed_media',
  'viewed_other',
  'changed_other',
] as const;
export type AccessActivity = (typeof accessActivities)[number];

const EXACT: Record<string, AccessActivity> = {
  'client.create': 'created_record',
  'client.read': 'viewed_details',
  'client.update': 'changed_details',
  'client.archive': 'archived_record',
  'client.restore': 'restored_record',
  'program.handout': 'printed_handout',
  'program.save': 'changed_program',
  'program.copy': 'changed_program',
  'access_code.rotate': 'changed_access_code',
  'adherence.read': 'viewed_exercise_log',
  'outcome_response.create': 'recorded_questionnaire',
  'message.create': 'wrote_message',
  'message.list': 'read_messages',
  'message.mark_read': 'read_messages',
  'contact_preferences.read': 'viewed_contact_preferences',
  'contact_preferences.update': 'changed_contact_preferences',
};

const READ_VERBS = /\.(read|list|view|search|read_version|list_versions)$|_read$/;

/** The plain activity of an audit action, and for a change of the client's details the fields changed. */
export function describeAccess(action: string): { activity: AccessActivity; fields: string[] } {
  // client.update records which fields changed as "client.update:email,mobile" (names, never values).
  const [name = action, fieldList] = action.split(':', 2);
  const fields = fieldList ? fieldList.split(',').filter(Boolean) : [];
  const exact = EXACT[name];
  if (exact) return { activity: exact, fields };
  const reads = READ_VERBS.test(name);
  if (name.startsWith('program.')) return { activity: reads ? 'viewed_program' : 'changed_program', fields };
  if (name.startsWith('outcome_'))
    return { activity: reads ? 'viewed_questionnaires' : 'changed_questionnaires', fields };
  if (name.startsWith('access_code.send')) return { activity: 'sent_access_code', fields };
  if (name.startsWith('export') || name.endsWith('.export')) return { activity: 'exported_record', fields };
  if (name.startsWith('client.exercise_media'))
    return { activity: reads ? 'viewed_media' : 'changed_media', fields };
  return { activity: reads ? 'viewed_other' : 'changed_other', fields };
}
