import type { ClientRow } from './clients.repo.js';
import type { ClientRecord } from './clients.service.js';
import { displayNationalId } from './national-id.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** A client's list entry: names and plain fields only, so listing decrypts nothing. */
export function presentClientSummary(row: ClientRow) {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    gender: row.gender,
    yearOfBirth: row.yearOfBirth,
    language: row.language,
    archivedAt: iso(row.archivedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The client record with its decrypted fields. */
export function presentClient(client: ClientRecord) {
  const { row } = client;
  return {
    ...presentClientSummary(row),
    email: client.email,
    mobile: client.mobile,
    diagnosisCode: client.diagnosisCode,
    nationalId:
      client.nationalId !== null && row.nationalIdKind !== null
        ? displayNationalId(row.nationalIdKind, client.nationalId)
        : null,
    nationalIdKind: row.nationalIdKind,
  };
}
