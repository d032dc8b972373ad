import type { Config } from '../../config.js';
import type { Transactor } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import type { PatientOrigin, PatientPrincipal } from '../patient/patient-access.service.js';
import { describeAccess } from './access-words.js';
import { DATA_CATEGORIES, type DataCategoryId, NEVER_STORED } from './data-categories.js';
import type { Processor } from './processor-register.js';
import { listRecordAccess, type RecordAccessRow } from './transparency.repo.js';
import type { RecordAccessQuery } from './transparency.schema.js';

const TWILIO_HOST = 'api.twilio.com';

/**
 * The register as practices see it: the operator's entries, then the mail relay and SMS gateway this
 * deployment is configured with unless the operator listed them (they receive data whether or not
 * anyone remembered to list them). Only the host is shown, never credentials in SMTP_URL.
 */
export function processorsOf(config: Pick<Config, 'processors' | 'smtpUrl' | 'sms'>): Processor[] {
  const listed = new Set(config.processors.map((entry) => entry.service));
  const derived: Processor[] = [];
  if (config.smtpUrl && !listed.has('smtp'))
    derived.push({
      name: `Mail relay (${config.smtpUrl.hostname})`,
      purpose: {
        en: 'Delivers the email we send: access codes, sign-in links, notifications. It sees the recipient and the text.',
        de: 'Stellt die E-Mails zu, die wir senden: Zugangscodes, Anmeldelinks, Benachrichtigungen. Er sieht Empfänger und Text.',
      },
      location: null,
      dataCategories: ['practitioner_account', 'client_contact', 'access_code'],
      termsUrl: null,
      service: 'smtp',
      source: 'derived',
    });
  if (config.sms.provider === 'twilio' && !listed.has('sms')) {
    const twilio = config.sms.apiUrl.hostname === TWILIO_HOST;
    derived.push({
      name: twilio ? 'Twilio (SMS)' : `SMS gateway (${config.sms.apiUrl.hostname})`,
      purpose: {
        en: "Delivers text messages with a client's access code. It sees the mobile number and the text.",
        de: 'Stellt SMS mit dem Zugangscode von Klient:innen zu. Es sieht die Mobilnummer und den Text.',
      },
      location: null,
      dataCategories: ['client_contact', 'access_code'],
      termsUrl: twilio ? 'https://www.twilio.com/en-us/legal/tos' : null,
      service: 'sms',
      source: 'derived',
    });
  }
  return [...config.processors, ...derived];
}

const categoryLabels = new Map(DATA_CATEGORIES.map((entry) => [entry.id as string, entry.label]));

function presentProcessor(processor: Processor) {
  return {
    ...processor,
    dataCategories: processor.dataCategories.map((id: DataCategoryId) => ({
      id,
      label: categoryLabels.get(id) ?? { en: id, de: id },
    })),
  };
}

function presentAccess(row: RecordAccessRow) {
  const type = row.actorType as 'practitioner' | 'api_key' | 'operator';
  const memberName =
    row.practitionerFirstName !== null
      ? `${row.practitionerFirstName} ${row.practitionerLastName ?? ''}`
      : null;
  return {
    at: row.at,
    who: {
      type,
      name: type === 'practitioner' ? memberName?.trim() || null : type === 'api_key' ? row.apiKeyName : null,
      role:
        type === 'practitioner'
          ? (row.practitionerRole as 'owner' | 'practitioner' | 'front_desk' | null)
          : null,
    },
    ...describeAccess(row.action),
  };
}

/** The processor register, the public privacy summary, and a client's view of who opened their record. */
export function createTransparencyService(deps: {
  transactor: Transactor;
  audit: Audit;
  config: Pick<Config, 'processors' | 'smtpUrl' | 'sms' | 'region'>;
}) {
  const { transactor, audit, config } = deps;
  // Configuration is fixed for the process's life: the answers are computed once.
  const processors = processorsOf(config).map(presentProcessor);

  return {
    /** Every outside processor, for the practice's settings and the privacy page. */
    processors: () => processors,

    /** What a visitor may know before signing anything: region, processors, what we store and how. */
    privacy: () => ({
      region: config.region,
      processors,
      dataCategories: DATA_CATEGORIES.map((entry) => ({ ...entry, protection: [...entry.protection] })),
      neverStored: NEVER_STORED,
    }),

    /**
     * Who of the practice (members, API keys, the operator's support access) read or changed the
     * client's record, newest first; the client's own acts are theirs to know already. Reading it is
     * audited too, as the client's own act on their record, so it does not show in the list itself.
     */
    recordAccess(patient: PatientPrincipal, query: RecordAccessQuery, origin: PatientOrigin) {
      return transactor.inPractice(patient.practiceId, async (tx) => {
        const rows = await listRecordAccess(tx, patient.practiceId, patient.clientId, {
          limit: query.limit + 1,
          offset: query.offset,
        });
        await audit.record(tx, {
          practiceId: patient.practiceId,
          actor: { type: 'client', id: patient.clientId },
          action: 'client.access_log_read',
          subject: { type: 'client', id: patient.clientId },
          outcome: 'success',
          ip: origin.ip,
          userAgent: origin.userAgent,
        });
        return { items: rows.slice(0, query.limit).map(presentAccess), hasMore: rows.length > query.limit };
      });
    },
  };
}

export type TransparencyService = ReturnType<typeof createTransparencyService>;
