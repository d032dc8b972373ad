import { randomInt, randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import type { Transactor, Tx } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import { hashSecret } from '../../platform/crypto/secrets.js';
import { AppError, conflict, notFound, validationFailed } from '../../platform/errors.js';
import { findPractitioner, type PractitionerRow, updatePractitioner } from './accounts.repo.js';
import { consumeRecoveryCode, countUnusedRecoveryCodes, replaceRecoveryCodes } from './mfa.repo.js';
import { createTotpEnrolment, verifyTotp } from './totp.js';

const RECOVERY_CODE_COUNT = 10;
// Crockford-style alphabet without look-alikes; 10 characters carry 50 bits.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const RECOVERY_LENGTH = 10;

type Actor = { practiceId: string; practitionerId: string; ip?: string; userAgent?: string };

const totpLocation = (id: string, column: 'totp_secret' | 'totp_pending_secret') => ({
  table: 'practitioners',
  column,
  rowId: id,
});

/** Recovery codes are shown as "abcde-fghjk" and accepted in any case, with or without the dash. */
export const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < RECOVERY_LENGTH; i++) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

export interface SecondFactorInput {
  totpCode?: string | undefined;
  recoveryCode?: string | undefined;
}

export interface MfaService {
  startTotp(actor: Actor): Promise<{ secret: string; otpauthUri: string; qrCode: string }>;
  confirmTotp(actor: Actor, code: string): Promise<{ recoveryCodes: string[] }>;
  disableTotp(actor: Actor): Promise<void>;
  regenerateRecoveryCodes(actor: Actor): Promise<{ recoveryCodes: string[] }>;
  remainingRecoveryCodes(practiceId: string, practitionerId: string): Promise<number>;
  /** At sign-in: which second factor the input meets, or undefined when it meets none. */
  verifySignInFactor(
    tx: Tx,
    practitioner: PractitionerRow,
    input: SecondFactorInput,
  ): Promise<'totp' | 'recovery_code' | undefined>;
}

export function createMfaService(deps: {
  transactor: Transactor;
  cipher: FieldCipher;
  audit: Audit;
  clock: Clock;
}): MfaService {
  const { transactor, cipher, audit, clock } = deps;

  async function issueRecoveryCodes(tx: Tx, actor: Actor): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await replaceRecoveryCodes(
      tx,
      { practiceId: actor.practiceId, practitionerId: actor.practitionerId },
      codes.map((code) => ({ id: randomUUID(), codeHash: hashSecret(normaliseRecoveryCode(code)) })),
    );
    return codes;
  }

  const record = (tx: Tx, actor: Actor, action: string) =>
    audit.record(tx, {
      practiceId: actor.practiceId,
      actor: { type: 'practitioner', id: actor.practitionerId },
      action,
      subject: { type: 'practitioner', id: actor.practitionerId },
      outcome: 'success',
      ip: actor.ip,
      userAgent: actor.userAgent,
    });

  return {
    async startTotp(actor) {
      return transactor.inPractice(actor.practiceId, async (tx) => {
        const practitioner = await findPractitioner(tx, actor.practiceId, actor.practitionerId);
        if (!practitioner) throw notFound();
        if (practitioner.totpSecret) {
          throw conflict(
            'totp_already_enabled',
            'An authenticator app is already set up. Turn it off first to set up another.',
          );
        }
        const enrolment = createTotpEnrolment(practitioner.email);
        await updatePractitioner(tx, actor.practiceId, actor.practitionerId, {
          totpPendingSecret: await cipher.encrypt(
            tx,
            { practiceId: actor.practiceId },
            enrolment.secret,
            totpLocation(actor.practitionerId, 'totp_pending_secret'),
          ),
        });
        const qrCode = await QRCode.toDataURL(enrolment.otpauthUri, { errorCorrectionLevel: 'M', margin: 1 });
        return { ...enrolment, qrCode };
      });
    },

    async confirmTotp(actor, code) {
      return transactor.inPractice(actor.practiceId, async (tx) => {
        const practitioner = await findPractitioner(tx, actor.practiceId, actor.practitionerId);
        if (!practitioner) throw notFound();
        if (!practitioner.totpPendingSecret) {
          throw conflict('no_totp_enrolment', 'Start setting up the authenticator app first.');
        }
        const owner = { practiceId: actor.practiceId };
        const secret = await cipher.decrypt(
          tx,
          owner,
          practitioner.totpPendingSecret,
          totpLocation(actor.practitionerId, 'totp_pending_secret'),
        );
        const step = verifyTotp(secret, code, clock.now(), undefined);
        if (step === undefined) {
          throw validationFailed([
            {
              field: 'code',
              message: 'This code is not right. Enter the current 6-digit code from your authenticator app.',
            },
          ]);
        }
        await updatePractitioner(tx, actor.practiceId, actor.practitionerId, {
          totpSecret: await cipher.encrypt(
            tx,
            owner,
            secret,
            totpLocation(actor.practitionerId, 'totp_secret'),
          ),
          totpPendingSecret: null,
          totpEnabledAt: clock.now(),
          totpLastStep: step,
        });
        const recoveryCodes = await issueRecoveryCodes(tx, actor);
        await record(tx, actor, 'mfa.totp_enable');
        return { recoveryCodes };
      });
    },

    async disableTotp(actor) {
      await transactor.inPractice(actor.practiceId, async (tx) => {
        const changed = await updatePractitioner(tx, actor.practiceId, actor.practitionerId, {
          totpSecret: null,
          totpPendingSecret: null,
          totpEnabledAt: null,
          totpLastStep: null,
        });
        if (!changed) throw notFound();
        await replaceRecoveryCodes(
          tx,
          { practiceId: actor.practiceId, practitionerId: actor.practitionerId },
          [],
        );
        await record(tx, actor, 'mfa.totp_disable');
      });
    },

    async regenerateRecoveryCodes(actor) {
      return transactor.inPractice(actor.practiceId, async (tx) => {
        const practitioner = await findPractitioner(tx, actor.practiceId, actor.practitionerId);
        if (!practitioner?.totpSecret) {
          throw conflict('no_totp', 'Recovery codes come with an authenticator app; set one up first.');
        }
        const recoveryCodes = await issueRecoveryCodes(tx, actor);
        await record(tx, actor, 'mfa.recovery_codes_regenerate');
        return { recoveryCodes };
      });
    },

    remainingRecoveryCodes: (practiceId, practitionerId) =>
      transactor.inPractice(practiceId, (tx) => countUnusedRecoveryCodes(tx, practiceId, practitionerId)),

    async verifySignInFactor(tx, practitioner, input) {
      if (input.totpCode && practitioner.totpSecret) {
        const secret = await cipher.decrypt(
          tx,
          { practiceId: practitioner.practiceId },
          practitioner.totpSecret,
          totpLocation(practitioner.id, 'totp_secret'),
        );
        const step = verifyTotp(secret, input.totpCode, clock.now(), practitioner.totpLastStep ?? undefined);
        if (step === undefined) return undefined;
        await updatePractitioner(tx, practitioner.practiceId, practitioner.id, { totpLastStep: step });
        return 'totp';
      }
      if (input.recoveryCode && practitioner.totpSecret) {
        const used = await consumeRecoveryCode(
          tx,
          { practiceId: practitioner.practiceId, practitionerId: practitioner.id },
          hashSecret(normaliseRecoveryCode(input.recoveryCode)),
          clock.now(),
        );
        return used ? 'recovery_code' : undefined;
      }
      return undefined;
    },
  };
}

export const mfaRequiredError = (methods: { totp: boolean; passkey: boolean }) =>
  new AppError(
    'mfa_required',
    401,
    'Enter the code from your authenticator app, a recovery code, or use your passkey.',
    [
      ...(methods.totp
        ? [
            { field: 'totpCode', message: 'the 6-digit code from your authenticator app' },
            { field: 'recoveryCode', message: 'one of your recovery codes' },
          ]
        : []),
      ...(methods.passkey ? [{ field: 'passkey', message: 'a passkey registered to this account' }] : []),
    ],
  );
