import type { Role } from '../../db/schema/index.js';

// Plain functions of the member's role, so every module asks the same question the same way.

/** Inviting, removing and changing the role of members: the owner's alone. */
export const canManageMembers = (role: Role): boolean => role === 'owner';

/** Creating and revoking API keys opens the practice to integrations: the owner's alone. */
export const canManageApiKeys = (role: Role): boolean => role === 'owner';

/** The practice's name, address, VAT id and its MFA policy. */
export const canChangePracticeSettings = (role: Role): boolean => role === 'owner';

/** Clients' health data: clinicians yes; the front desk schedules and invites, it does not read records. */
export const canReadClinicalData = (role: Role): boolean => role === 'owner' || role === 'practitioner';

/** The practice's settings and its member list are visible to every member. */
export const canViewPractice = (_role: Role): boolean => true;
