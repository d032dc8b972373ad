import type { PractitionerPreferences } from '../../db/schema/index.js';
import type { PractitionerRow } from './accounts.repo.js';

export const DEFAULT_PREFERENCES: PractitionerPreferences = {
  language: 'en',
  weightUnit: 'kg',
  notifications: { newMessage: true, painAlert: true, outcomeAlert: true, lockedAccessCode: true },
};

/** The practitioner as the API shows them to themselves; mobile arrives decrypted. */
export function presentPractitioner(
  row: PractitionerRow,
  extra: { mobile: string | null; passkeys: number; mfaSetupRequired: boolean; practiceName: string },
) {
  return {
    id: row.id,
    email: row.email,
    emailVerified: row.emailVerifiedAt !== null,
    firstName: row.firstName,
    lastName: row.lastName,
    mobile: extra.mobile,
    affiliation: row.affiliation,
    role: row.role,
    practiceId: row.practiceId,
    practiceName: extra.practiceName,
    signInCount: row.signInCount,
    currentSignInAt: row.currentSignInAt?.toISOString() ?? null,
    currentSignInIp: row.currentSignInIp,
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    lastSignInIp: row.lastSignInIp,
    preferences: { ...DEFAULT_PREFERENCES, ...row.preferences },
    termsVersion: row.termsVersion,
    termsAcceptedAt: row.termsAcceptedAt?.toISOString() ?? null,
    mfa: { totp: row.totpSecret !== null, passkeys: extra.passkeys },
    mfaSetupRequired: extra.mfaSetupRequired,
    createdAt: row.createdAt.toISOString(),
  };
}

export type PresentedPractitioner = ReturnType<typeof presentPractitioner>;
