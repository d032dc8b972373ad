import { randomUUID } from 'node:crypto';
import type { Transactor, Tx } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import { notFound, validationFailed } from '../../platform/errors.js';
import { foldForSearch, normaliseEmail, parseMobile } from './client-fields.js';
import { type CheckedClientInput, checkClientInput } from './client-input.js';
import type { ClinicalCaller } from './clients.policy.js';
import {
  type ClientChanges,
  type ClientRow,
  findClient,
  findClientForUpdate,
  findPracticeCountry,
  insertClient,
  listClientNames,
  listClients,
  updateClient,
} from './clients.repo.js';
import type { ClientListQuery, CreateClientInput, UpdateClientInput } from './clients.schema.js';
import { parseNationalId } from './national-id.js';

/** A client with the encrypted fields opened, for the presenter. */
export interface ClientRecord {
  row: ClientRow;
  email: string | null;
  mobile: string | null;
  diagnosisCode: string | null;
  nationalId: string | null;
}

export interface ClientsService {
  create(caller: ClinicalCaller, input: CreateClientInput): Promise<ClientRecord>;
  list(caller: ClinicalCaller, query: ClientListQuery): Promise<{ rows: ClientRow[]; total: number }>;
  get(caller: ClinicalCaller, id: string): Promise<ClientRecord>;
  update(caller: ClinicalCaller, id: string, input: UpdateClientInput): Promise<ClientRecord>;
  archive(caller: ClinicalCaller, id: string): Promise<ClientRecord>;
  restore(caller: ClinicalCaller, id: string): Promise<ClientRecord>;
}

// Blind-index purposes, each keyed per practice: equal values in two practices do not match.
const INDEX = { email: 'client-email', mobile: 'client-mobile', nationalId: 'client-national-id' } as const;
const ENCRYPTED = ['email', 'mobile', 'diagnosisCode', 'nationalId'] as const;
const COLUMN = {
  email: 'email',
  mobile: 'mobile',
  diagnosisCode: 'diagnosis_code',
  nationalId: 'national_id',
} as const;

/** The practice's client, or 404 (another practice's client is indistinguishable from none). */
export async function requireClient(tx: Tx, practiceId: string, clientId: string): Promise<ClientRow> {
  const row = await findClient(tx, practiceId, clientId);
  if (!row) throw notFound('This client was not found.');
  return row;
}

/** The practice's client locked until the transaction ends (changes to one client queue up), or 404. */
export async function lockClient(tx: Tx, practiceId: string, clientId: string): Promise<ClientRow> {
  const row = await findClientForUpdate(tx, practiceId, clientId);
  if (!row) throw notFound('This client was not found.');
  return row;
}

/** Every client's id and name, archived ones included (for the name guard of custom exercises). */
export async function clientNamesIn(tx: Tx, practiceId: string) {
  return listClientNames(tx, practiceId);
}

export function createClientsService(deps: {
  transactor: Transactor;
  audit: Audit;
  cipher: FieldCipher;
  clock: Clock;
}): ClientsService {
  const { transactor, audit, cipher, clock } = deps;

  const record = (tx: Tx, caller: ClinicalCaller, action: string, subject: { type: string; id: string }) =>
    audit.record(tx, {
      practiceId: caller.practiceId,
      actor: caller.actor,
      action,
      subject,
      outcome: 'success',
      ip: caller.ip,
      userAgent: caller.userAgent,
    });

  async function open(tx: Tx, row: ClientRow): Promise<ClientRecord> {
    const owner = { practiceId: row.practiceId, clientId: row.id };
    const opened = { email: null, mobile: null, diagnosisCode: null, nationalId: null } as Omit<
      ClientRecord,
      'row'
    >;
    for (const field of ENCRYPTED) {
      const stored = row[field];
      if (stored !== null)
        opened[field] = await cipher.decrypt(tx, owner, stored, {
          table: 'clients',
          column: COLUMN[field],
          rowId: row.id,
        });
    }
    return { row, ...opened };
  }

  /** The column values for the checked input: sealed under the client's key, with blind indexes. */
  async function columnsFor(
    tx: Tx,
    practiceId: string,
    clientId: string,
    input: CheckedClientInput,
  ): Promise<ClientChanges> {
    const seal = (field: (typeof ENCRYPTED)[number], value: string) =>
      cipher.encrypt(tx, { practiceId, clientId }, value, {
        table: 'clients',
        column: COLUMN[field],
        rowId: clientId,
      });
    const { email, mobile, diagnosisCode, nationalId, ...plain } = input;
    const changes: ClientChanges = { ...plain };
    if (email !== undefined) {
      changes.email = email && (await seal('email', email.value));
      changes.emailIndex = email && cipher.blindIndex(INDEX.email, email.lookup, practiceId);
    }
    if (mobile !== undefined) {
      changes.mobile = mobile && (await seal('mobile', mobile));
      changes.mobileIndex = mobile && cipher.blindIndex(INDEX.mobile, mobile, practiceId);
    }
    if (diagnosisCode !== undefined)
      changes.diagnosisCode = diagnosisCode && (await seal('diagnosisCode', diagnosisCode));
    if (nationalId !== undefined) {
      changes.nationalId = nationalId && (await seal('nationalId', nationalId.value));
      changes.nationalIdIndex =
        nationalId && cipher.blindIndex(INDEX.nationalId, nationalId.value, practiceId);
      changes.nationalIdKind = nationalId ? nationalId.kind : null;
    }
    return changes;
  }

  async function checked(tx: Tx, practiceId: string, input: CreateClientInput | UpdateClientInput) {
    const country = await findPracticeCountry(tx, practiceId);
    const result = checkClientInput(input, country, clock.now());
    if (result.problems.length > 0) throw validationFailed(result.problems);
    return result.checked;
  }

  /** Exact-match lookups arrive in any accepted spelling and are indexed in their canonical form. */
  async function lookupIndexes(tx: Tx, practiceId: string, query: ClientListQuery) {
    const problems = [];
    const indexes: { emailIndex?: string; mobileIndex?: string; nationalIdIndex?: string } = {};
    if (query.email)
      indexes.emailIndex = cipher.blindIndex(INDEX.email, normaliseEmail(query.email), practiceId);
    if (query.mobile || query.nationalId) {
      const country = await findPracticeCountry(tx, practiceId);
      if (query.mobile) {
        const mobile = parseMobile(query.mobile, country);
        if (mobile.ok) indexes.mobileIndex = cipher.blindIndex(INDEX.mobile, mobile.value, practiceId);
        else problems.push({ field: 'mobile', message: mobile.message });
      }
      if (query.nationalId) {
        const id = parseNationalId(query.nationalId, country, clock.now());
        if (id.ok) indexes.nationalIdIndex = cipher.blindIndex(INDEX.nationalId, id.id.value, practiceId);
        else problems.push({ field: 'nationalId', message: id.message });
      }
    }
    if (problems.length > 0) throw validationFailed(problems);
    return indexes;
  }

  async function change(
    caller: ClinicalCaller,
    id: string,
    changesOf: (tx: Tx, row: ClientRow) => Promise<{ action: string; changes: ClientChanges }>,
  ) {
    return transactor.inPractice(caller.practiceId, async (tx) => {
      const current = await requireClient(tx, caller.practiceId, id);
      const { action, changes } = await changesOf(tx, current);
      const row = await updateClient(tx, caller.practiceId, id, { ...changes, updatedAt: clock.now() });
      if (!row) throw notFound('This client was not found.');
      await record(tx, caller, action, { type: 'client', id });
      return open(tx, row);
    });
  }

  /**
   * The fields whose value the input changes, in a fixed order. Names only, never values: they go
   * into the audit action ("client.update:email,lastName") for the practice's and the client's access log.
   */
  async function changedFields(tx: Tx, row: ClientRow, input: CheckedClientInput): Promise<string[]> {
    const before = await open(tx, row);
    const now: Record<string, unknown> = {
      firstName: input.firstName,
      lastName: input.lastName,
      gender: input.gender,
      yearOfBirth: input.yearOfBirth,
      language: input.language,
      email: input.email === undefined ? undefined : (input.email?.value ?? null),
      mobile: input.mobile,
      diagnosisCode: input.diagnosisCode,
      nationalId: input.nationalId === undefined ? undefined : (input.nationalId?.value ?? null),
    };
    const was: Record<string, unknown> = {
      firstName: row.firstName,
      lastName: row.lastName,
      gender: row.gender,
      yearOfBirth: row.yearOfBirth,
      language: row.language,
      email: before.email,
      mobile: before.mobile,
      diagnosisCode: before.diagnosisCode,
      nationalId: before.nationalId,
    };
    return Object.keys(now).filter((field) => now[field] !== undefined && now[field] !== was[field]);
  }

  return {
    create: (caller, input) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        const values = await checked(tx, caller.practiceId, input);
        const id = randomUUID();
        const now = clock.now();
        const row = await insertClient(tx, {
          id,
          practiceId: caller.practiceId,
          firstName: input.firstName,
          lastName: input.lastName,
          gender: input.gender,
          yearOfBirth: input.yearOfBirth,
          ...(await columnsFor(tx, caller.practiceId, id, values)),
          createdBy: caller.practitionerId,
          createdAt: now,
          updatedAt: now,
        });
        await record(tx, caller, 'client.create', { type: 'client', id });
        return open(tx, row);
      }),

    list: (caller, query) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        const result = await listClients(tx, caller.practiceId, {
          ...(await lookupIndexes(tx, caller.practiceId, query)),
          nameWords: foldForSearch(query.q ?? '')
            .split(/\s+/)
            .filter((word) => word.length > 0),
          status: query.status,
          limit: query.limit,
          offset: query.offset,
        });
        // A list reads several clients: one entry with how many were shown, never who or what was asked.
        await record(tx, caller, 'client.search', { type: 'client_count', id: String(result.rows.length) });
        return result;
      }),

    get: (caller, id) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        const row = await requireClient(tx, caller.practiceId, id);
        await record(tx, caller, 'client.read', { type: 'client', id });
        return open(tx, row);
      }),

    update: (caller, id, input) =>
      change(caller, id, async (tx, row) => {
        const values = await checked(tx, caller.practiceId, input);
        const fields = await changedFields(tx, row, values);
        return {
          action: fields.length > 0 ? `client.update:${fields.join(',')}` : 'client.update',
          changes: await columnsFor(tx, caller.practiceId, id, values),
        };
      }),

    archive: (caller, id) =>
      change(caller, id, async (_tx, row) => ({
        action: 'client.archive',
        changes: { archivedAt: row.archivedAt ?? clock.now() },
      })),

    restore: (caller, id) =>
      change(caller, id, async () => ({ action: 'client.restore', changes: { archivedAt: null } })),
  };
}
