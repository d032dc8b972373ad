import type { FieldProblem } from '../../platform/errors.js';
import {
  checkYearOfBirth,
  normaliseEmail,
  normaliseName,
  parseDiagnosisCode,
  parseMobile,
} from './client-fields.js';
import type { CreateClientInput, UpdateClientInput } from './clients.schema.js';
import { type NationalId, parseNationalId } from './national-id.js';

/**
 * Client input after the rules that depend on the practice's country and today's date. A field left
 * out stays undefined (unchanged); null clears it.
 */
export interface CheckedClientInput {
  firstName?: string;
  lastName?: string;
  gender?: CreateClientInput['gender'];
  yearOfBirth?: number;
  language?: 'en' | 'de';
  email?: { value: string; lookup: string } | null;
  mobile?: string | null;
  diagnosisCode?: string | null;
  nationalId?: NationalId | null;
}

/** Applies every field rule and names all the bad fields at once. */
export function checkClientInput(
  input: CreateClientInput | UpdateClientInput,
  country: string,
  today: Date,
): { checked: CheckedClientInput; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const checked: CheckedClientInput = {};
  if (input.firstName !== undefined) checked.firstName = normaliseName(input.firstName);
  if (input.lastName !== undefined) checked.lastName = normaliseName(input.lastName);
  if (input.gender !== undefined) checked.gender = input.gender;
  if (input.language !== undefined) checked.language = input.language;
  if (input.yearOfBirth !== undefined) {
    const problem = checkYearOfBirth(input.yearOfBirth, today);
    if (problem) problems.push({ field: 'yearOfBirth', message: problem });
    else checked.yearOfBirth = input.yearOfBirth;
  }
  if (input.email !== undefined)
    checked.email = input.email === null ? null : { value: input.email, lookup: normaliseEmail(input.email) };
  if (input.mobile != null) {
    const mobile = parseMobile(input.mobile, country);
    if (mobile.ok) checked.mobile = mobile.value;
    else problems.push({ field: 'mobile', message: mobile.message });
  } else if (input.mobile === null) checked.mobile = null;
  if (input.diagnosisCode != null) {
    const code = parseDiagnosisCode(input.diagnosisCode);
    if (code.ok) checked.diagnosisCode = code.value;
    else problems.push({ field: 'diagnosisCode', message: code.message });
  } else if (input.diagnosisCode === null) checked.diagnosisCode = null;
  if (input.nationalId != null) {
    const id = parseNationalId(input.nationalId, country, today);
    if (id.ok) checked.nationalId = id.id;
    else problems.push({ field: 'nationalId', message: id.message });
  } else if (input.nationalId === null) checked.nationalId = null;
  return { checked, problems };
}
