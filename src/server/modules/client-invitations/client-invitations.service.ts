import type { Transactor, Tx } from '../../db/transactions.js';
import type { Audit, AuditEntry } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import { notFound } from '../../platform/errors.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import type { SmsSender } from '../../platform/sms/sms-sender.js';
import type { ClinicalCaller } from '../clients/clients.policy.js';
import type { PatientOrigin, PatientPrincipal } from '../patient/patient-access.service.js';
import { formatAccessCode } from '../programs/access-codes.js';
import { createProgramRecords } from '../programs/program-records.js';
import { clientArchived, noAddress, noProgram, optedOut } from './client-invitations.policy.js';
import {
  type ClientContact,
  findClientContact,
  findPracticeName,
  type OptOutChanges,
  updateOptOuts,
} from './client-invitations.repo.js';
import type { Channel, ContactPreferences, ContactPreferencesInput } from './client-invitations.schema.js';

export interface Invitation {
  channel: Channel;
  queuedAt: Date;
}

export interface ClientInvitationsService {
  /** Sends the client's access code and the app link by mail or SMS, in the client's language. */
  invite(caller: ClinicalCaller, clientId: string, channel: Channel): Promise<Invitation>;
  preferences(caller: ClinicalCaller, clientId: string): Promise<ContactPreferences>;
  /** Records the client's refusal or consent per channel, as told to the practitioner. */
  setPreferences(
    caller: ClinicalCaller,
    clientId: string,
    input: ContactPreferencesInput,
  ): Promise<ContactPreferences>;
  patientPreferences(patient: PatientPrincipal, origin: PatientOrigin): Promise<ContactPreferences>;
  /** The client's own refusal or consent, from the patient app. */
  setPatientPreferences(
    patient: PatientPrincipal,
    input: ContactPreferencesInput,
    origin: PatientOrigin,
  ): Promise<ContactPreferences>;
}

type Actor = Pick<AuditEntry, 'actor' | 'ip' | 'userAgent'>;

function present(contact: ClientContact): ContactPreferences {
  const channel = (refusedAt: Date | null, onFile: boolean) => ({
    status: refusedAt === null ? ('allowed' as const) : ('refused' as const),
    refusedAt,
    onFile,
  });
  return {
    email: channel(contact.emailOptOutAt, contact.hasEmail),
    sms: channel(contact.smsOptOutAt, contact.hasMobile),
  };
}

export function createClientInvitationsService(deps: {
  transactor: Transactor;
  audit: Audit;
  cipher: FieldCipher;
  clock: Clock;
  mailer: Mailer;
  sms: SmsSender;
  publicUrl: URL;
}): ClientInvitationsService {
  const { transactor, audit, cipher, clock, mailer, sms } = deps;
  const records = createProgramRecords({ cipher, clock });
  const appUrl = new URL('/app/', deps.publicUrl).toString();

  // Recorded against the client, so the client's access log shows who sent or changed what.
  const record = (tx: Tx, practiceId: string, clientId: string, who: Actor, action: string) =>
    audit.record(tx, {
      practiceId,
      actor: who.actor,
      action,
      subject: { type: 'client', id: clientId },
      outcome: 'success',
      ip: who.ip,
      userAgent: who.userAgent,
    });

  async function requireContact(tx: Tx, practiceId: string, clientId: string, lock = false) {
    const contact = await findClientContact(tx, practiceId, clientId, { lock });
    if (!contact) throw notFound('This client was not found.');
    return contact;
  }

  /** Refusals keep their first time; consent clears it. Locked, so two changes cannot interleave. */
  async function change(
    tx: Tx,
    practiceId: string,
    clientId: string,
    input: ContactPreferencesInput,
    who: Actor,
  ): Promise<ContactPreferences> {
    const current = await requireContact(tx, practiceId, clientId, true);
    const now = clock.now();
    const changes: OptOutChanges = {};
    if (input.email !== undefined)
      changes.emailOptOutAt = input.email === 'refused' ? (current.emailOptOutAt ?? now) : null;
    if (input.sms !== undefined)
      changes.smsOptOutAt = input.sms === 'refused' ? (current.smsOptOutAt ?? now) : null;
    if (Object.keys(changes).length === 0) return present(current);
    const updated = await updateOptOuts(tx, practiceId, clientId, changes, now);
    if (!updated) throw notFound('This client was not found.');
    await record(tx, practiceId, clientId, who, 'contact_preferences.update');
    return present(updated);
  }

  const patientActor = (patient: PatientPrincipal, origin: PatientOrigin): Actor => ({
    actor: { type: 'client', id: patient.clientId },
    ip: origin.ip,
    userAgent: origin.userAgent,
  });

  return {
    invite: (caller, clientId, channel) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        const { practiceId } = caller;
        const client = await requireContact(tx, practiceId, clientId);
        if (client.archivedAt !== null) throw clientArchived();
        if (channel === 'email' ? !client.hasEmail : !client.hasMobile) throw noAddress(channel);
        if ((channel === 'email' ? client.emailOptOutAt : client.smsOptOutAt) !== null)
          throw optedOut(channel);
        if (!(await records.current(tx, practiceId, clientId, client.language))) throw noProgram();
        const accessCode = await records.accessCodeOf(tx, practiceId, clientId);
        const params = {
          practiceName: await findPracticeName(tx, practiceId),
          accessCode: formatAccessCode(accessCode),
          link: appUrl,
        };
        const message = {
          practiceId,
          clientId,
          template: 'access_code',
          language: client.language,
          params,
        } as const;
        if (channel === 'email') await mailer.enqueue(tx, message);
        else await sms.enqueue(tx, message);
        await record(tx, practiceId, clientId, caller, `access_code.send_${channel}`);
        return { channel, queuedAt: clock.now() };
      }),

    preferences: (caller, clientId) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        const contact = await requireContact(tx, caller.practiceId, clientId);
        await record(tx, caller.practiceId, clientId, caller, 'contact_preferences.read');
        return present(contact);
      }),

    setPreferences: (caller, clientId, input) =>
      transactor.inPractice(caller.practiceId, (tx) =>
        change(tx, caller.practiceId, clientId, input, caller),
      ),

    patientPreferences: (patient, origin) =>
      transactor.inPractice(patient.practiceId, async (tx) => {
        const contact = await requireContact(tx, patient.practiceId, patient.clientId);
        await record(
          tx,
          patient.practiceId,
          patient.clientId,
          patientActor(patient, origin),
          'contact_preferences.read',
        );
        return present(contact);
      }),

    setPatientPreferences: (patient, input, origin) =>
      transactor.inPractice(patient.practiceId, (tx) =>
        change(tx, patient.practiceId, patient.clientId, input, patientActor(patient, origin)),
      ),
  };
}
