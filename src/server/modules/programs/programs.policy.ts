import type { Role } from '../../db/schema/index.js';
import { AppError } from '../../platform/errors.js';

// Programs are clinical data: routes take their caller from clients.policy (clinicalCaller, clinicalMember),
// so the front desk is refused the same way everywhere. What is particular to programs lives here.

/**
 * Who may change or delete a template: the member who made it; the practice owner also for a shared one
 * (shared templates are the practice's library; a private one stays its maker's alone).
 */
export function canEditTemplate(
  member: { practitionerId: string; role: Role },
  template: { ownerId: string | null; shared: boolean },
): boolean {
  if (template.ownerId === member.practitionerId) return true;
  return template.shared && member.role === 'owner';
}

export const noProgram = () => new AppError('not_found', 404, 'This client has no program yet.');

export const templateNotFound = () => new AppError('not_found', 404, 'This template was not found.');

/** Content that was valid where it was saved but cannot go where it is copied (exercises of one client, archived ones). */
export const contentNotTransferable = (
  what: 'copy' | 'template' | 'from_template',
  details: { field: string; message: string }[] | undefined,
) =>
  new AppError(
    'content_not_transferable',
    422,
    {
      copy: 'Some exercises of this program cannot go to another client: they were made for this client or were archived. Remove them and try again.',
      template:
        'Some exercises of this program cannot go into a template: they were made for this client or were archived. Remove them and try again.',
      from_template:
        'Some exercises of this template are no longer available. Edit the template and try again.',
    }[what],
    details,
  );
